// What the fault tests share: a Superset of their own to stop and break (never the suite's shared ones), set-up and
// tasks through the typed client, and the checks that nothing was lost: git fsck, the commit graph, a target's
// whole tree.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Schemas, TaskDetail } from '@superset-git/api-client';
import { startSuperset, stopSuperset, type GitRemote, type SupersetInfo } from '@superset-git/harness';
import type { SupersetClient } from '@superset-git/superset';
import { runTask } from '../support/api.ts';
import { dashboardId, exportNormalized } from '../support/superset-admin.ts';
import type { ServerProcess } from '../support/server-process.ts';

/** A third Superset, seeded like the others, that these tests may stop, kill and deploy into. */
export const FAULT_SUPERSET = { name: 'test-fault', port: 18090 } as const;

export const startFaultSuperset = (): Promise<SupersetInfo> => startSuperset(FAULT_SUPERSET);
export const stopFaultSuperset = (): Promise<void> => stopSuperset(FAULT_SUPERSET.name);

/** Registers a Superset as an environment, reached at `url` (a proxy in front of it) or its own. */
export function addEnvironment(
  server: ServerProcess,
  name: string,
  superset: SupersetInfo,
  url = superset.url,
): Promise<Schemas['Environment']> {
  return server.api.POST('/api/environments', {
    body: { name, url, username: superset.username, password: superset.password },
  });
}

/** Registers the harness's git server with its token. */
export function addGitServer(server: ServerProcess, remote: GitRemote): Promise<Schemas['GitServer']> {
  return server.api.POST('/api/git/servers', {
    body: { name: 'Local', provider: 'generic', url: remote.url, token: remote.token },
  });
}

/** Starts a dashboard's sync, push or pull (202) and follows the task to its end. */
export function dashboardTask(
  server: ServerProcess,
  verb: 'sync' | 'push' | 'pull',
  uuid: string,
): Promise<TaskDetail> {
  return runTask(
    server.api,
    server.api.raw.POST(`/api/dashboards/{uuid}/${verb}`, { params: { path: { uuid } } }),
  );
}

/** `git fsck --full` in the repository: throws with git's words when anything is broken or missing. */
export function fsck(dir: string): string {
  return execFileSync('git', ['-C', dir, 'fsck', '--full', '--no-progress'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * A user's edit in a repository's work tree, of the dashboard's title and of one chart's name (`Customers <stamp>`,
 * `Chart <stamp>`): a deploy that kept only part of it would show.
 */
export function editDashboardAndChart(repoDir: string, stamp: string): void {
  const edit = (file: string, pattern: RegExp, line: string) =>
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(pattern, line));
  edit(path.join(repoDir, 'dashboard.yaml'), /^dashboard_title: .*$/m, `dashboard_title: Customers ${stamp}`);
  const chart = fs.readdirSync(path.join(repoDir, 'charts')).sort()[0]!;
  edit(path.join(repoDir, 'charts', chart), /^slice_name: .*$/m, `slice_name: Chart ${stamp}`);
}

/** SQLite's `integrity_check` of the server's database (`ok` when sound); the server must be stopped. */
export function databaseIntegrity(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'superset-git.db'), { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
}

/** A dashboard as the target has it now: every file of its normalized export, in one comparable text. */
export async function targetText(client: SupersetClient, uuid: string): Promise<string> {
  const tree = await exportNormalized(client, await dashboardId(client, uuid));
  return [...tree.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, text]) => `## ${path}\n${text}`)
    .join('\n');
}

/** Resolves once the process with this pid is gone. */
export async function gone(pid: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`process ${pid} is still alive`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
