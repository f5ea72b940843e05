// 50 API clients, each with its own token, doing status, sync, commit, history (and a few pushes) on 10 dashboards
// for a bounded time against the server in its own process, or spread over two server processes that share one
// PostgreSQL database and one data dir: no lock error reaches anyone, no request takes over 5 s, no commit is
// lost, every repository passes `git fsck` and the database its integrity check (SQLite's; PostgreSQL checks its
// own). Used by load.stress.test.ts (one server) and load-two-servers.stress.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestError, type ApiClient } from '@superset-git/api-client';
import type { Environment } from '@superset-git/contracts';
import { startGitRemote, startPostgres, type GitRemote, type PostgresCluster } from '@superset-git/harness';
import { supersetDev } from '../superset-instances.ts';
import { apiAt } from '../support/api.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import {
  addEnvironment,
  addGitServer,
  dashboardTask,
  databaseIntegrity,
  fsck,
  git,
} from './stress-fixtures.ts';
import { latencyByKind, serverCpu, spread, type Sample } from './load-stats.ts';

/** How long the clients run; SG_LOAD_SECONDS overrides it (e.g. a short run while working on the server). */
const DURATION_MS = Number(process.env.SG_LOAD_SECONDS ?? 75) * 1000;
const CLIENTS = Number(process.env.SG_LOAD_CLIENTS ?? 50);
const DASHBOARDS = 10;
const MAX_REQUEST_MS = 5_000;
/** A client pauses up to this long between two actions, as a script or a person would. */
const THINK_MS = 100;
const TASK_POLL_MS = 250;
const TASK_LIMIT_MS = 120_000;
/** What a lock error looks like, whatever wording or code it comes in. */
const LOCK_LEAK = /\.lock\b|GIT_LOCKED|another git process/i;

interface LoadDashboard {
  uuid: string;
  dir: string;
  hasRemote: boolean;
  /** Commits before the load, then each one a client was told it made (201). */
  expectedCommits: number;
}

/** The servers, the first of which sets everything up; clients are spread over all of them. */
const servers: ServerProcess[] = [];
let server: ServerProcess;
let remote: GitRemote;
let cluster: PostgresCluster | undefined;
let environment: Environment;
const dashboards: LoadDashboard[] = [];
const tokens: string[] = [];
const samples: Sample[] = [];
/** Tasks from the POST that started them to the poll that saw them end: not requests, so not held to 5 s. */
const taskSamples: Sample[] = [];
const violations: string[] = [];
const tasks = { sync: 0, push: 0 };
let commitsMade = 0;
let nothingToCommit = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** What a typed call gives (openapi-fetch's answer): its data or its error body, and the response. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

interface Reply<T> {
  /** 0 when no answer came. */
  status: number;
  data: T | undefined;
  /** The body of an answer that is not 2xx. */
  error: unknown;
  /** The answer as text (or why there was none), for the lock-error search and the messages. */
  text: string;
}

/** One API client over real HTTP with its own token; every call is timed and checked for what must never show. */
class LoadClient {
  private readonly api: ApiClient;

  constructor(
    readonly name: string,
    token: string,
    url: string,
  ) {
    this.api = apiAt(url, { token });
  }

  /** One call through the typed client's openapi-fetch methods, which answer the status and body as they are. */
  async request<T>(kind: string, call: (api: ApiClient['raw']) => Promise<Answer<T>>): Promise<Reply<T>> {
    const started = performance.now();
    const reply: Reply<T> = { status: 0, data: undefined, error: undefined, text: '' };
    let route = '(no answer)';
    try {
      const answer = await call(this.api.raw);
      const url = new URL(answer.response.url);
      route = `${url.pathname}${url.search}`;
      reply.status = answer.response.status;
      reply.data = answer.data;
      reply.error = answer.error;
      const body = answer.data ?? answer.error;
      reply.text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    } catch (error) {
      // An answer that is not JSON comes as an ApiRequestError with its status; no answer at all as a TypeError.
      if (error instanceof ApiRequestError) reply.status = error.status;
      reply.text = `${reply.status ? '' : 'network error: '}${(error as Error).message}`;
    }
    const ms = performance.now() - started;
    samples.push({ kind, ms, status: reply.status });
    const what = `${this.name} ${kind} ${route}`;
    if (reply.status === 0 || reply.status >= 500)
      violations.push(`${what}: ${reply.status} ${reply.text.slice(0, 300)}`);
    if (ms > MAX_REQUEST_MS) violations.push(`${what}: took ${Math.round(ms)} ms`);
    if (LOCK_LEAK.test(reply.text))
      violations.push(`${what}: a lock error reached the client: ${reply.text.slice(0, 300)}`);
    return reply;
  }

  expect(reply: Reply<unknown>, statuses: number[], what: string): boolean {
    if (statuses.includes(reply.status)) return true;
    if (reply.status > 0 && reply.status < 500)
      violations.push(`${this.name} ${what}: unexpected ${reply.status} ${reply.text.slice(0, 300)}`);
    return false;
  }

  async status(dashboard: LoadDashboard): Promise<void> {
    const reply = await this.request('status', (api) =>
      api.GET('/api/dashboards/{uuid}/status', { params: { path: { uuid: dashboard.uuid } } }),
    );
    this.expect(reply, [200], 'status');
  }

  async history(dashboard: LoadDashboard): Promise<void> {
    const reply = await this.request('history', (api) =>
      api.GET('/api/dashboards/{uuid}/history', {
        params: { path: { uuid: dashboard.uuid }, query: { limit: 20 } },
      }),
    );
    this.expect(reply, [200], 'history');
  }

  /** Starts a task (sync, push) and follows it through GET /api/tasks/{id} to its end. */
  async task(verb: 'sync' | 'push', dashboard: LoadDashboard): Promise<void> {
    const begun = performance.now();
    const started = await this.request(verb, (api) =>
      api.POST(`/api/dashboards/{uuid}/${verb}`, { params: { path: { uuid: dashboard.uuid } } }),
    );
    if (!this.expect(started, [202], verb)) return;
    tasks[verb] += 1;
    const id = started.data!.taskId;
    const until = performance.now() + TASK_LIMIT_MS;
    while (performance.now() < until) {
      await sleep(TASK_POLL_MS);
      const reply = await this.request('task', (api) =>
        api.GET('/api/tasks/{id}', { params: { path: { id } } }),
      );
      if (!this.expect(reply, [200], `task ${id}`)) return;
      const task = reply.data!;
      if (task.state !== 'PENDING' && task.state !== 'RUNNING')
        taskSamples.push({ kind: verb, ms: performance.now() - begun, status: reply.status });
      if (task.state === 'SUCCESS') return;
      if (task.state === 'FAILED' || task.state === 'AWAITING_INPUT') {
        violations.push(`${this.name} ${verb} task ${id} ended ${task.state}: ${task.error ?? ''}`);
        return;
      }
    }
    violations.push(`${this.name} ${verb} task ${id} did not end within ${TASK_LIMIT_MS / 1000} s`);
  }

  /**
   * Commits what is there: after an edit made in the work tree as a user editing YAML would (the next sync puts
   * Superset's version back, which is a change to commit too), or with none; "nothing to commit" must be a 409.
   */
  async commit(dashboard: LoadDashboard, edit: boolean): Promise<void> {
    if (edit)
      fs.appendFileSync(
        path.join(dashboard.dir, 'dashboard.yaml'),
        `# note from ${this.name} at ${new Date().toISOString()}\n`,
      );
    const reply = await this.request('commit', (api) =>
      api.POST('/api/dashboards/{uuid}/commit', {
        params: { path: { uuid: dashboard.uuid } },
        body: { message: `${edit ? 'Edited' : 'Synced'} by ${this.name}` },
      }),
    );
    if (reply.status === 201) {
      dashboard.expectedCommits += 1;
      commitsMade += 1;
      return;
    }
    const code = (reply.error as { error?: { code?: string } } | undefined)?.error?.code;
    if (reply.status === 409 && code === 'GIT_NOTHING_TO_COMMIT') {
      nothingToCommit += 1;
      return;
    }
    this.expect(reply, [201], 'commit');
  }

  async run(until: number): Promise<void> {
    while (performance.now() < until) {
      const dashboard = pick(dashboards);
      const roll = Math.random();
      if (roll < 0.35) await this.status(dashboard);
      else if (roll < 0.55) await this.history(dashboard);
      else if (roll < 0.75) await this.task('sync', dashboard);
      else if (roll < 0.9) await this.commit(dashboard, true);
      else if (roll < 0.95) await this.commit(dashboard, false);
      else if (dashboard.hasRemote) await this.task('push', dashboard);
      else await this.status(dashboard);
      await sleep(Math.random() * THINK_MS);
    }
  }
}

/** Registers the load test: on one server with SQLite, or on two sharing a PostgreSQL database and a data dir. */
export function defineLoadTest(options: { servers: 1 | 2 }): void {
  beforeAll(async () => {
    const dev = supersetDev();
    if (options.servers === 1) {
      [server, remote] = await Promise.all([startServerProcess(), startGitRemote()]);
      servers.push(server);
    } else {
      [cluster, remote] = await Promise.all([startPostgres(), startGitRemote()]);
      const databaseUrl = await cluster.createDatabase('load');
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-load-two-'));
      for (const id of ['a', 'b'])
        servers.push(
          await startServerProcess({
            dataDir,
            logFile: `${dataDir}-${id}.log`,
            env: {
              SUPERSET_GIT_DATABASE_URL: databaseUrl,
              SUPERSET_GIT_SECRET_KEY: 'one-key-for-both-load-servers-0123',
              SUPERSET_GIT_SERVER_ID: `load-${id}`,
            },
          }),
        );
      server = servers[0]!;
    }
    environment = await addEnvironment(server, 'dev', dev);
    const gitServer = await addGitServer(server, remote);
    // The generated "Extra dashboard NNN" ones, from the end: no other test relies on them, and only git changes.
    const hub = await server.api.GET('/api/environments/{id}/dashboards', {
      params: { path: { id: environment.id }, query: { search: 'Extra dashboard', pageSize: 500 } },
    });
    const extras = hub.items
      .filter((item) => item.uuid && item.slug?.startsWith('extra-'))
      .sort((a, b) => (b.slug ?? '').localeCompare(a.slug ?? ''))
      .slice(0, DASHBOARDS);
    expect(extras).toHaveLength(DASHBOARDS);
    // Half local (init), half attached to an empty repository on the harness's git server, so pushes are in the mix.
    for (const [index, item] of extras.entries()) {
      const uuid = item.uuid!;
      const hasRemote = index % 2 === 0;
      await server.api.POST('/api/dashboards/{uuid}/repository', {
        params: { path: { uuid } },
        body: {
          environmentId: environment.id,
          ...(hasRemote
            ? {
                mode: 'attach',
                gitServerId: gitServer.id,
                remoteUrl: remote.createRepository(`load-${index}`),
              }
            : { mode: 'init' }),
        },
      });
      const synced = await dashboardTask(server, 'sync', uuid);
      expect(synced.state, synced.error ?? '').toBe('SUCCESS');
      await server.api.POST('/api/dashboards/{uuid}/commit', {
        params: { path: { uuid } },
        body: { message: 'As exported' },
      });
      const dir = path.join(server.dataDir, 'repos', uuid);
      dashboards.push({
        uuid,
        dir,
        hasRemote,
        expectedCommits: Number(git(dir, 'rev-list', '--count', 'HEAD')),
      });
    }
    for (let index = 0; index < CLIENTS; index += 1)
      tokens.push(
        (await server.api.POST('/api/auth/tokens', { body: { name: `load-client-${index}` } })).token,
      );
  }, 300_000);

  afterAll(async () => {
    // The data dir stays after a failure, for its repositories, database and logs.
    await Promise.all([...servers.map((each) => each.stop({ keepData: true })), remote?.stop()]);
    await cluster?.stop();
    if (server && fs.existsSync(server.dataDir))
      console.log(`load: data dir ${server.dataDir}, logs ${servers.map((each) => each.logFile).join(', ')}`);
  });

  describe(
    options.servers === 1
      ? '50 API clients at once on 10 dashboards'
      : '50 API clients spread over two servers on 10 dashboards',
    () => {
      it('never meet a lock error or wait over 5 s, lose no commit, and leave every repository and the database sound', async () => {
        const cpuOf = () => servers.map((each) => serverCpu(each.pid));
        const cpuBefore = cpuOf();
        const started = performance.now();
        const until = started + DURATION_MS;
        await Promise.all(
          tokens.map((token, index) =>
            new LoadClient(`client-${index}`, token, servers[index % servers.length]!.url).run(until),
          ),
        );
        const elapsedS = (performance.now() - started) / 1000;

        const cpuAfter = cpuOf();
        const memory = servers.map((each) => each.memory());
        const cpu = (part: 'server' | 'launcher' | 'git') =>
          cpuAfter
            .reduce((total, after, index) => total + after[part] - cpuBefore[index]![part], 0)
            .toFixed(1);
        const commitsFound = dashboards.map((dashboard) => ({
          uuid: dashboard.uuid,
          expected: dashboard.expectedCommits,
          found: Number(git(dashboard.dir, 'rev-list', '--count', 'HEAD')),
        }));
        const unexpectedErrors = servers.flatMap((each) =>
          fs
            .readFileSync(each.logFile, 'utf8')
            .split('\n')
            .filter((line) => /"level":50|unexpected error/.test(line)),
        );
        await Promise.all(servers.map((each) => each.stop({ keepData: true })));
        const fsckFailures = dashboards.flatMap((dashboard) => {
          try {
            fsck(dashboard.dir);
            return [];
          } catch (error) {
            return [{ uuid: dashboard.uuid, output: String((error as { stderr?: string }).stderr) }];
          }
        });
        // SQLite's own check; PostgreSQL keeps its files sound itself and has no such file to check.
        const integrity = cluster ? null : databaseIntegrity(server.dataDir);

        console.log(
          `load: ${CLIENTS} clients on ${servers.length} server(s), ${DASHBOARDS} dashboards, ${elapsedS.toFixed(1)} s: ${samples.length} requests, ` +
            `${(samples.length / elapsedS).toFixed(1)} req/s, all ${spread(samples.map((sample) => sample.ms))}; ` +
            `${latencyByKind(samples)}; ` +
            `tasks ${tasks.sync + tasks.push} (sync ${tasks.sync}, push ${tasks.push}), start to end: ` +
            `${latencyByKind(taskSamples)}; commits ${commitsMade} ` +
            `(nothing to commit ${nothingToCommit}); CPU: server ${cpu('server')} s, git launcher ${cpu('launcher')} s, ` +
            `git ${cpu('git')} s; server RSS ${memory.map((each) => `${Math.round(each.rssMb)} MB (peak ${Math.round(each.peakMb)})`).join(', ')}; ` +
            `violations ${violations.length}`,
        );

        expect(violations.slice(0, 20)).toEqual([]);
        expect(unexpectedErrors.slice(0, 5)).toEqual([]);
        expect(commitsFound.filter((entry) => entry.found !== entry.expected)).toEqual([]);
        expect(fsckFailures).toEqual([]);
        if (integrity !== null) expect(integrity).toBe('ok');
        fs.rmSync(server.dataDir, { recursive: true, force: true });
        for (const each of servers) fs.rmSync(each.logFile, { force: true });
      });
    },
  );
}
