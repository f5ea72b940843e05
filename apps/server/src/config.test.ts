import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.ts';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = configFromEnv({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, dataDir: path.resolve('./data') });
    expect(config.secretKey).toBeUndefined();
    expect(config.adminPassword).toBeUndefined();
  });

  it('reads the environment and rejects a bad value with its name', () => {
    expect(configFromEnv({ SUPERSET_GIT_PORT: '9000', SUPERSET_GIT_HOST: '0.0.0.0' })).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
    });
    expect(() => configFromEnv({ SUPERSET_GIT_PORT: 'eighty' })).toThrow(/Invalid configuration: port/);
    expect(() => configFromEnv({ SUPERSET_GIT_PLUGIN_CONFIG: '{not json' })).toThrow(
      /PLUGIN_CONFIG must be a JSON object/,
    );
  });

  it('reads SUPERSET_GIT_TRUST_PROXY as true, false or a list of addresses, and trusts nobody by default', () => {
    const trust = (value?: string) => configFromEnv({ SUPERSET_GIT_TRUST_PROXY: value }).trustProxy;
    expect(trust()).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('FALSE')).toBe(false);
    expect(trust(' 10.0.0.0/8, 127.0.0.1 ,::1,fd00::/8,loopback')).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses a hop count or a wrong address in SUPERSET_GIT_TRUST_PROXY, naming the setting and the value', () => {
    const trust = (value: string) => () => configFromEnv({ SUPERSET_GIT_TRUST_PROXY: value });
    expect(trust('2')).toThrow(/SUPERSET_GIT_TRUST_PROXY=2: a hop count cannot tell a proxy from a client/);
    expect(trust('10.0.0.300')).toThrow(
      /SUPERSET_GIT_TRUST_PROXY: '10\.0\.0\.300' is not an address or CIDR/,
    );
    expect(trust('10.0.0.0/33')).toThrow(/'10\.0\.0\.0\/33' is not an address/);
    expect(trust('yes')).toThrow(
      /'yes' is not an address or CIDR range; use true, false, or a comma-separated/,
    );
    expect(trust(' , ')).toThrow(/SUPERSET_GIT_TRUST_PROXY: no address given/);
  });

  it('hands SUPERSET_GIT_SYNC_ALL_CONCURRENCY to the git plugin unless its own config says otherwise', () => {
    expect(configFromEnv({ SUPERSET_GIT_SYNC_ALL_CONCURRENCY: '8' }).pluginConfig).toEqual({
      git: { syncAllConcurrency: 8 },
    });
    expect(
      configFromEnv({
        SUPERSET_GIT_SYNC_ALL_CONCURRENCY: '8',
        SUPERSET_GIT_PLUGIN_CONFIG: '{"git": {"syncAllConcurrency": 2, "livePollSeconds": 5}}',
      }).pluginConfig,
    ).toEqual({ git: { syncAllConcurrency: 2, livePollSeconds: 5 } });
    expect(configFromEnv({}).pluginConfig).toEqual({});
    expect(() => configFromEnv({ SUPERSET_GIT_SYNC_ALL_CONCURRENCY: '0' })).toThrow(
      /Invalid configuration: syncAllConcurrency/,
    );
    expect(() => configFromEnv({ SUPERSET_GIT_SYNC_ALL_CONCURRENCY: 'many' })).toThrow(
      /Invalid configuration: syncAllConcurrency/,
    );
  });

  it('hands SUPERSET_GIT_FOLLOW_REMOTE to the git plugin as a yes or no, and names a value it cannot read', () => {
    expect(configFromEnv({ SUPERSET_GIT_FOLLOW_REMOTE: 'true' }).pluginConfig).toEqual({
      git: { followRemote: true },
    });
    expect(
      configFromEnv({ SUPERSET_GIT_FOLLOW_REMOTE: '0', SUPERSET_GIT_SYNC_ALL_CONCURRENCY: '2' }).pluginConfig,
    ).toEqual({ git: { syncAllConcurrency: 2, followRemote: false } });
    expect(() => configFromEnv({ SUPERSET_GIT_FOLLOW_REMOTE: 'yes' })).toThrow(
      /Invalid configuration: followRemote/,
    );
  });
});
