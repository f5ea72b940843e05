// Secrets at rest: sealed with AES-256-GCM, the key file private, passwords write-only in the API.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiOf } from '../../support/api.ts';
import { login, startTestServer } from '../../support/test-server.ts';

describe('secrets', () => {
  it('creates a 0600 key file on first start and keeps environment passwords out of the data dir and API', async () => {
    const server = await startTestServer();
    try {
      const keyFile = path.join(server.dataDir, 'secret.key');
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      const api = apiOf(server, await login(server));
      const password = 'S3cret-superset-password';
      const created = await api.raw.POST('/api/environments', {
        body: {
          name: 'offline',
          url: 'http://127.0.0.1:9',
          username: 'admin',
          password,
          skipConnectionTest: true,
        },
      });
      expect(created.response.status).toBe(201);
      expect(created.data!.passwordHint).toBe('••••word');
      const everything = JSON.stringify([
        created.data!,
        await api.GET('/api/environments'),
        await api.GET('/api/environments/{id}', {
          params: { path: { id: created.data!.id } },
        }),
      ]);
      expect(everything).not.toContain(password);
      server.services.db.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
      expect(fs.statSync(path.join(server.dataDir, 'repos')).isDirectory()).toBe(true);
      const files = fs.readdirSync(server.dataDir, { recursive: true, encoding: 'utf8' });
      for (const file of files) {
        const full = path.join(server.dataDir, file);
        if (fs.statSync(full).isFile()) expect(fs.readFileSync(full).includes(password), file).toBe(false);
      }
    } finally {
      await server.close();
    }
  });

  it('opens sealed values with the same key, and refuses them with another key or after tampering', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-keys-'));
    const first = await startTestServer({ dataDir, config: { secretKey: 'key-one' } });
    const sealed = first.services.secrets.seal('value');
    expect(sealed).not.toContain('value');
    expect(first.services.secrets.open(sealed)).toBe('value');
    const parts = sealed.split(':');
    const tampered = [...parts.slice(0, 3), Buffer.from('other').toString('base64')].join(':');
    expect(() => first.services.secrets.open(tampered)).toThrow(/cannot be decrypted/);
    await first.close();
    const second = await startTestServer({ dataDir, config: { secretKey: 'key-two' } });
    expect(() => second.services.secrets.open(sealed)).toThrow(/key file changed/);
    await second.close();
  });

  it('shows only bullets for short passwords', async () => {
    const server = await startTestServer();
    try {
      const api = apiOf(server, await login(server));
      const created = await api.raw.POST('/api/environments', {
        body: {
          name: 'short',
          url: 'http://127.0.0.1:9',
          username: 'a',
          password: 'abc',
          skipConnectionTest: true,
        },
      });
      expect(created.data!.passwordHint).toBe('••••');
      const bad = await api.raw.PUT('/api/environments/{id}', {
        params: { path: { id: created.data!.id } },
        body: { password: '' },
      });
      expect(bad.response.status).toBe(400);
    } finally {
      await server.close();
    }
  });
});
