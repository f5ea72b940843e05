// Every secret a user gives superset-git, looked for everywhere after a whole end-to-end run (sign-in, users, API
// token, environments, a database password, a git server; connect, sync, commit, push, pull, branch, deploy,
// rollback; and wrong passwords and tokens typed by mistake): the data dir byte by byte (database, repositories,
// .git/config, the key file aside), the server's debug log, every API answer and task log, and the process list
// sampled all along. Each secret is unique to the run, so finding it anywhere is a leak.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followTask, type ApiClient } from '@superset-git/api-client';
import { addSupersetAdmin, startGitRemote, type GitRemote, type SupersetInfo } from '@superset-git/harness';
import { apiAt, runTask } from '../support/api.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { clientFor, dashboardUuid } from '../support/superset-admin.ts';
import { FAULT_SUPERSET, startFaultSuperset, stopFaultSuperset } from './stress-fixtures.ts';
import { processList } from '../support/process-list.ts';

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const SECRETS = {
  adminPassword: `adm-${run}-Pw`,
  viewerPassword: `vwr-${run}-Pw`,
  wrongPassword: `wrong-${run}-Pw`,
  supersetPassword: `sup-${run}-Pw`,
  wrongSupersetPassword: `badsup-${run}-Pw`,
  databasePassword: `db-${run}-Pw`,
  wrongGitToken: `badtok-${run}-Tk`,
} as Record<string, string>;

let server: ServerProcess;
/** The admin's API; every answer it gets is kept for the search (the one that shows a new API token is not). */
let api: ApiClient;
let remote: GitRemote;
let target: SupersetInfo;
const answers: string[] = [];
const processSamples: string[] = [];
let sampler: NodeJS.Timeout | undefined;

/** An API client whose every answer is kept for the search. */
function keepingAnswers(client: ApiClient): ApiClient {
  client.raw.use({
    async onResponse({ request, response }) {
      const { pathname } = new URL(request.url);
      answers.push(`${request.method} ${pathname} ${response.status} ${await response.clone().text()}`);
    },
  });
  return client;
}

/**
 * A call that must fail, as an error status or a connection test that says it failed; its answer is kept too
 * (messages must not echo what was typed).
 */
async function refused(pending: Promise<{ data?: unknown; response: Response }>): Promise<boolean> {
  const { data, response } = await pending;
  return response.status >= 400 || (data as { ok?: boolean } | undefined)?.ok === false;
}

/** The forms a secret travels in: as typed, in a Basic header, URL-encoded. */
function formsOf(secret: string, users: string[]): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    ...users.map((user) => Buffer.from(`${user}:${secret}`).toString('base64')),
  ];
}

beforeAll(async () => {
  // The git server holds each push 1.5 s, so the sampled process lists catch git at work with the token.
  [remote, target] = await Promise.all([startGitRemote({ pushDelayMs: 1500 }), startFaultSuperset()]);
  SECRETS.gitToken = remote.token;
  await addSupersetAdmin(FAULT_SUPERSET.name, `leak-${run}`, SECRETS.supersetPassword!);
  sampler = setInterval(() => processSamples.push(processList()), 150);
  server = await startServerProcess({
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sg-secrets-')),
    adminPassword: SECRETS.adminPassword!,
    logLevel: 'debug',
  });
  api = keepingAnswers(apiAt(server.url, server.caller));
}, 400_000);

afterAll(async () => {
  clearInterval(sampler);
  await server?.stop();
  await remote?.stop();
  await stopFaultSuperset();
});

describe('secrets after a whole end-to-end run', () => {
  it('appear in no file of the data dir, no log line, no answer, no task log and no command line', async () => {
    const client = clientFor(target);
    const uuid = await dashboardUuid(client, 'customers');
    await client.close();

    // People and tokens.
    await api.POST('/api/users', {
      body: {
        username: 'viewer',
        name: 'Viewer',
        email: 'viewer@example.com',
        role: 'viewer',
        password: SECRETS.viewerPassword!,
      },
    });
    expect(
      await refused(
        api.raw.POST('/api/auth/login', { body: { username: 'viewer', password: SECRETS.wrongPassword! } }),
      ),
    ).toBe(true);
    // Not through `api`: this answer shows the new token, and is not kept.
    const created = await server.api.POST('/api/auth/tokens', { body: { name: 'ci' } });
    SECRETS.apiToken = created.token;
    const viaToken = await keepingAnswers(apiAt(server.url, { token: created.token })).raw.GET(
      '/api/auth/me',
    );
    expect(viaToken.response.status).toBe(200);

    // Superset and git, with a wrong secret typed first.
    const supersetUser = `leak-${run}`;
    const environment = (name: string, password: string) => ({
      name,
      url: target.url,
      username: supersetUser,
      password,
    });
    expect(
      await refused(
        api.raw.POST('/api/environments/test', {
          body: environment('x', SECRETS.wrongSupersetPassword!),
        }),
      ),
    ).toBe(true);
    const source = await api.POST('/api/environments', {
      body: environment('source', SECRETS.supersetPassword!),
    });
    const destination = await api.POST('/api/environments', {
      body: environment('destination', SECRETS.supersetPassword!),
    });
    await api.PUT('/api/environments/{id}/deploy-settings', {
      params: { path: { id: destination.id } },
      body: {
        databases: [
          { databaseUuid: '00000000-0000-4000-8000-00000000db01', password: SECRETS.databasePassword! },
        ],
      },
    });
    const gitServer = { name: 'Local', provider: 'generic', url: remote.url } as const;
    expect(
      await refused(
        api.raw.POST('/api/git/servers/test', { body: { ...gitServer, token: SECRETS.wrongGitToken! } }),
      ),
    ).toBe(true);
    const saved = await api.POST('/api/git/servers', {
      body: { ...gitServer, token: SECRETS.gitToken! },
    });

    // The work itself.
    const dashboard = { params: { path: { uuid } } };
    await api.POST('/api/dashboards/{uuid}/repository', {
      ...dashboard,
      body: {
        environmentId: source.id,
        mode: 'attach',
        gitServerId: saved.id,
        remoteUrl: remote.createRepository(`secrets-${run}`),
      },
    });
    expect((await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', dashboard))).state).toBe(
      'SUCCESS',
    );
    await api.POST('/api/dashboards/{uuid}/commit', {
      ...dashboard,
      body: { message: 'Customers as exported' },
    });
    expect((await runTask(api, api.raw.POST('/api/dashboards/{uuid}/push', dashboard))).state).toBe(
      'SUCCESS',
    );
    expect((await runTask(api, api.raw.POST('/api/dashboards/{uuid}/pull', dashboard))).state).toBe(
      'SUCCESS',
    );
    await api.POST('/api/dashboards/{uuid}/branches', { ...dashboard, body: { name: 'feature' } });
    await api.GET('/api/dashboards/{uuid}/status', dashboard);
    await api.GET('/api/dashboards/{uuid}/history', dashboard);
    const { deployment } = await api.POST('/api/dashboards/{uuid}/deploy', {
      ...dashboard,
      body: { environmentId: destination.id, ref: 'main' },
    });
    expect((await followTask(api, deployment!.taskId!)).state).toBe('SUCCESS');
    const rollback = await api.POST('/api/deployments/{id}/rollback', {
      params: { path: { id: deployment!.id } },
    });
    expect((await followTask(api, rollback.taskId!)).state).toBe('SUCCESS');
    await api.GET('/api/environments');
    await api.GET('/api/environments/{id}/deploy-settings', { params: { path: { id: destination.id } } });
    await api.GET('/api/git/servers');
    for (const task of (await api.GET('/api/tasks')).items)
      await api.GET('/api/tasks/{id}', { params: { path: { id: task.id } } });
    clearInterval(sampler);
    await server.stop({ keepData: true });

    // The secrets were really used: the git server saw the token, Superset the password.
    const decoded = remote.authorizations.map((header) =>
      Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8'),
    );
    expect(decoded.some((credentials) => credentials.endsWith(`:${SECRETS.gitToken}`))).toBe(true);
    expect(processSamples.some((sample) => /git(-remote-http)? /.test(sample))).toBe(true);

    const places: Array<[string, string | Buffer]> = [
      ['the server log', fs.readFileSync(server.logFile)],
      ['the API answers', answers.join('\n')],
      ['the process list', processSamples.join('\n')],
    ];
    const keyFile = /(^|\/)secret\.key$/;
    for (const file of fs.readdirSync(server.dataDir, { recursive: true, encoding: 'utf8' })) {
      const full = path.join(server.dataDir, file);
      if (fs.statSync(full).isFile() && !keyFile.test(file)) places.push([file, fs.readFileSync(full)]);
    }
    expect(places.map(([name]) => name)).toContain(path.join('repos', uuid, '.git', 'config'));
    const users = ['admin', 'viewer', supersetUser, 'x', 'git', 'x-access-token', 'oauth2'];
    const leaks: string[] = [];
    for (const [name, secret] of Object.entries(SECRETS))
      for (const form of formsOf(secret, users))
        for (const [place, content] of places) if (content.includes(form)) leaks.push(`${name} in ${place}`);
    process.stdout.write(
      `secrets: ${Object.keys(SECRETS).length} secrets × ${places.length} places (${answers.length} answers, ${processSamples.length} process lists): ${leaks.length} leaks\n`,
    );
    expect(leaks).toEqual([]);
    fs.rmSync(server.dataDir, { recursive: true, force: true });
    fs.rmSync(server.logFile, { force: true });
  });
});
