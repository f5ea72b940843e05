// Every dashboard of an environment into git at once (POST /api/environments/{id}/sync-all), against the real dev
// Superset with its 100+ dashboards, four at a time: connected, synced and committed once each with "N of M"
// progress; one connected through another environment is left alone; one that cannot be connected is named; a
// second run connects only that one and changes nothing else.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment, SyncAllResult } from '@superset-git/contracts';
import type { ApiClient } from '@superset-git/api-client';
import { supersetDev } from '../../superset-instances.ts';
import { clientFor, dashboardUuid } from '../../support/superset-admin.ts';
import { apiOf, expectStatus } from '../../support/api.ts';
import {
  addEnvironment,
  listenTestServer,
  login,
  startTestServer,
  type Caller,
  type TestServer,
} from '../../support/test-server.ts';
import { runCli } from '../../cli/cli-run.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';

let server: TestServer;
let caller: Caller;
let api: ApiClient;
let dev: Environment;
let elsewhere: string;
let blocked: string;
let releaseLock: (() => void) | undefined;

beforeAll(async () => {
  // Its second run must find the seeded dashboards as the first left them: files that edit them wait.
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const info = supersetDev();
  server = await startTestServer({ config: { pluginConfig: { git: { syncAllConcurrency: 4 } } } });
  caller = await login(server);
  api = apiOf(server, caller);
  dev = await addEnvironment(server, caller, 'dev', info);
  const other = await addEnvironment(server, caller, 'dev-again', info);
  const client = clientFor(info);
  elsewhere = await dashboardUuid(client, 'customers');
  blocked = await dashboardUuid(client, 'web-traffic');
  await client.close();
  // A folder already where Web Traffic's repository would go: connecting it fails, the others go on.
  fs.mkdirSync(path.join(server.dataDir, 'repos', blocked, 'in-the-way'), { recursive: true });
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid: elsewhere } },
      body: { environmentId: other.id, mode: 'init' },
    }),
  );
}, 120_000);
afterAll(async () => {
  await server?.close();
  releaseLock?.();
});

describe('sync every dashboard of an environment (real Superset, 100+ dashboards)', () => {
  it('syncs four at a time, commits each dashboard once, leaves the one connected elsewhere alone and names the one that failed', async () => {
    const started = await api.raw.POST('/api/environments/{id}/sync-all', {
      params: { path: { id: dev.id } },
      body: { commitMessage: 'Everything as it is in dev' },
    });
    expect(started.response.status).toBe(202);
    // A second start while the first runs would export everything twice: refused, naming the running task.
    const twice = await api.raw.POST('/api/environments/{id}/sync-all', {
      params: { path: { id: dev.id } },
      body: {},
    });
    expect(twice.response.status).toBe(409);
    expect(twice.error?.error.message).toContain(`already being synced (task ${started.data!.taskId})`);
    await server.services.tasks.idle();
    const task = await api.GET('/api/tasks/{id}', {
      params: { path: { id: started.data!.taskId } },
    });
    expect(task.state).toBe('FAILED');
    expect(task.error).toMatch(
      /^1 of \d+ dashboard\(s\) could not be synced \(the others were\): 'Web Traffic': /,
    );
    const lines = task.log.map((line) => line.message);
    expect(lines[0]).toMatch(/^\d+ dashboard\(s\) in dev, 4 synced at a time$/);
    const total = Number(/^(\d+)/.exec(lines[0]!)![1]);
    expect(total).toBeGreaterThan(100);
    // One "N of M" line per dashboard, N counting up once each: no dashboard was done twice.
    const done = lines.filter((line) => /^\[\d[\d,]* of /.test(line));
    expect(done.map((line) => /^\[([\d,]+) of ([\d,]+)\]/.exec(line)!.slice(1))).toEqual(
      Array.from({ length: total }, (_, index) => [String(index + 1), String(total)]),
    );
    const titles = done.map((line) => /\] '(.+?)'/.exec(line)![1]);
    expect(new Set(titles).size).toBe(total);
    expect(done.filter((line) => line.endsWith(', committed'))).toHaveLength(total - 2);
    expect(
      done.some((line) => line.endsWith("'Customers' is connected through another environment; left alone")),
    ).toBe(true);
    expect(done.find((line) => line.includes("'Web Traffic' failed: "))).toBeDefined();
    expect(lines.at(-2)).toBe(
      `Done with ${total} dashboard(s): ${total - 2} synced, ${total - 2} newly connected, ${total - 2} committed, 1 left alone (connected through another environment), 1 failed: 'Web Traffic'`,
    );
    const result = { dashboards: total };

    const hub = await api.raw.GET('/api/environments/{id}/dashboards', {
      params: { path: { id: dev.id }, query: { pageSize: 500 } },
    });
    expect(hub.data!.items).toHaveLength(result.dashboards);
    // The one connected through another environment has its git status there, not on this hub.
    const notConnected = hub.data!.items.filter((item) => item.git === null);
    expect(notConnected.map((item) => item.uuid).sort()).toEqual([elsewhere, blocked].sort());
    const dirty = hub.data!.items.filter((item) => item.git !== null && !item.git.clean);
    expect(dirty).toEqual([]);

    // The hub keeps each repository's status until the repository changes: a switch shows at once.
    const extra = hub.data!.items.find((item) => item.slug === 'extra-001')!;
    expect(extra.git!.branch).toBe('main');
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/branches', {
        params: { path: { uuid: extra.uuid! } },
        body: { name: 'feature' },
      }),
    );
    const switched = await api.raw.POST('/api/dashboards/{uuid}/switch', {
      params: { path: { uuid: extra.uuid! } },
      body: {
        branch: 'feature',
        importIntoSuperset: false,
      },
    });
    expect(switched.response.status).toBe(200);
    const again = await api.raw.GET('/api/environments/{id}/dashboards', {
      params: { path: { id: dev.id }, query: { search: 'extra-001' } },
    });
    expect(again.data!.items.find((item) => item.uuid === extra.uuid)!.git!.branch).toBe('feature');
  }, 400_000);

  it('a second run, from the CLI with an API token, connects only the one that failed and writes nothing else', async () => {
    fs.rmSync(path.join(server.dataDir, 'repos', blocked), { recursive: true });
    const token = (await api.POST('/api/auth/tokens', { body: { name: 'pipeline' } })).token;
    const run = await runCli(['sync', '--all', '--env', 'dev', '--json'], {
      SUPERSET_GIT_SERVER: await listenTestServer(server),
      SUPERSET_GIT_TOKEN: token,
    });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as SyncAllResult;
    expect(result).toMatchObject({ connected: 1, skipped: 1, resumed: 0, failed: [] });
    expect(result.synced).toBe(result.dashboards - 1);
    // Progress on stderr, one line per dashboard; only the one connected now wrote files.
    expect(run.stderr).toContain("'Sales Overview': 0 file(s) written, 0 removed");
    expect(run.stderr).toMatch(/'Web Traffic': [1-9]\d* file\(s\) written/);
    expect(run.stderr.match(/: [1-9]\d* file\(s\) written/g)).toHaveLength(1);
  }, 400_000);
});
