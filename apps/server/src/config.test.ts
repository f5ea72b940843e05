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
});
