// A superset-git server for one compatibility test file, and the user actions the journeys are made of: register an
// environment, connect a dashboard, sync, commit, switch, deploy, roll back, compare a target with the repository.
import { expect } from 'vitest';
import type {
  BranchSwitchResult,
  DashboardRepoStatus,
  Deployment,
  DeployPlan,
  Environment,
  TaskDetail,
} from '@superset-git/contracts';
import type { SupersetInfo } from '@superset-git/harness';
import { targetTree, type NormalizedTree, type SupersetClient } from '@superset-git/superset';
import { filesAtRef, openRepo } from '@superset-git/git';
import { keepExistingNames } from '@superset-git/superset';
import { clientFor, dashboardUuid } from '../support/superset-admin.ts';
import {
  addEnvironment,
  api,
  login,
  startTestServer,
  type Caller,
  type TestServer,
} from '../support/test-server.ts';

export interface CompatSession {
  server: TestServer;
  caller: Caller;
  close(): Promise<void>;
}

export async function openSession(): Promise<CompatSession> {
  const server = await startTestServer();
  const caller = await login(server);
  return { server, caller, close: () => server.close() };
}

export async function call<T>(
  session: CompatSession,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  return api<T>(session.server, method, url, { ...session.caller, ...(body === undefined ? {} : { body }) });
}

/** Starts a task and waits for it; a failed task fails the test with its error. */
export async function runTask(session: CompatSession, url: string, body?: unknown): Promise<TaskDetail> {
  const started = await call<{ taskId: number }>(session, 'POST', url, body);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await session.server.services.tasks.idle();
  const task = (await call<TaskDetail>(session, 'GET', `/api/tasks/${started.body.taskId}`)).body;
  expect(task.state, task.error ?? '').toBe('SUCCESS');
  return task;
}

export const registerSuperset = (
  session: CompatSession,
  name: string,
  info: SupersetInfo,
): Promise<Environment> => addEnvironment(session.server, session.caller, name, info);

export const repoDir = (session: CompatSession, uuid: string) => `${session.server.dataDir}/repos/${uuid}`;

export async function status(session: CompatSession, uuid: string): Promise<DashboardRepoStatus> {
  return (await call<DashboardRepoStatus>(session, 'GET', `/api/dashboards/${uuid}/status`)).body;
}

/** Syncs from Superset, then expects the work tree to hold no change (Superset and the branch agree). */
export async function expectInSync(session: CompatSession, uuid: string): Promise<void> {
  await runTask(session, `/api/dashboards/${uuid}/sync`);
  const state = await status(session, uuid);
  expect(
    state.changes.map((change) => `${change.path}: ${change.summary.join('; ')}`),
    'a sync right after found changes nobody made',
  ).toEqual([]);
  expect(state.git.clean).toBe(true);
}

/** Connects a dashboard (a new local repository), syncs it and commits it; answers its uuid. */
export async function connectDashboard(
  session: CompatSession,
  environment: Environment,
  info: SupersetInfo,
  slug: string,
): Promise<string> {
  const superset = clientFor(info);
  const uuid = await dashboardUuid(superset, slug).finally(() => superset.close());
  const connected = await call(session, 'POST', `/api/dashboards/${uuid}/repository`, {
    environmentId: environment.id,
    mode: 'init',
  });
  expect(connected.status, JSON.stringify(connected.body)).toBe(201);
  await runTask(session, `/api/dashboards/${uuid}/sync`);
  const committed = await call(session, 'POST', `/api/dashboards/${uuid}/commit`, {
    message: `${slug} as exported`,
  });
  expect(committed.status, JSON.stringify(committed.body)).toBe(201);
  return uuid;
}

export async function switchBranch(
  session: CompatSession,
  uuid: string,
  branch: string,
): Promise<BranchSwitchResult> {
  const answer = await call<BranchSwitchResult>(session, 'POST', `/api/dashboards/${uuid}/switch`, {
    branch,
    verify: true,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

export async function plan(session: CompatSession, uuid: string, environment: Environment, ref: string) {
  const answer = await call<{ plan: DeployPlan }>(session, 'POST', `/api/dashboards/${uuid}/deploy`, {
    environmentId: environment.id,
    ref,
    dryRun: true,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.plan;
}

/** Deploys and waits; the deployment must end in `state` (by default, succeed). */
export async function deploy(
  session: CompatSession,
  uuid: string,
  environment: Environment,
  ref: string,
  state: Deployment['state'] = 'SUCCESS',
): Promise<{ plan: DeployPlan; deployment: Deployment }> {
  const answer = await call<{ plan: DeployPlan; deployment: Deployment | null }>(
    session,
    'POST',
    `/api/dashboards/${uuid}/deploy`,
    { environmentId: environment.id, ref, dryRun: false },
  );
  expect(answer.status, JSON.stringify(answer.body).slice(0, 1000)).toBe(200);
  await session.server.services.tasks.idle();
  const deployment = (
    await call<Deployment>(session, 'GET', `/api/deployments/${answer.body.deployment!.id}`)
  ).body;
  expect(deployment.state, deployment.message ?? '').toBe(state);
  return { plan: answer.body.plan, deployment };
}

export async function rollBack(session: CompatSession, deploymentId: number): Promise<void> {
  const started = await call<Deployment>(session, 'POST', `/api/deployments/${deploymentId}/rollback`);
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  await session.server.services.tasks.idle();
  const done = (await call<Deployment>(session, 'GET', `/api/deployments/${started.body.id}`)).body;
  expect(done.state, done.message ?? '').toBe('SUCCESS');
}

/** The files that differ between two normalized trees. */
export function differingFiles(expected: NormalizedTree, actual: NormalizedTree): string[] {
  return [...new Set([...expected.keys(), ...actual.keys()])]
    .filter((file) => expected.get(file) !== actual.get(file))
    .sort();
}

/** The repository's YAML files at a ref. */
export async function treeAtRef(session: CompatSession, uuid: string, ref: string): Promise<NormalizedTree> {
  const { files } = await filesAtRef(openRepo(repoDir(session, uuid)), {
    ref,
    keep: (file) => file.endsWith('.yaml'),
  });
  return new Map([...files].map(([file, bytes]) => [file, bytes.toString('utf8')]));
}

/** Expects the target to hold exactly what the repository holds at `ref` (files under the repository's names). */
export async function expectTargetHolds(
  session: CompatSession,
  target: SupersetClient,
  uuid: string,
  ref: string,
): Promise<void> {
  const expected = await treeAtRef(session, uuid, ref);
  const exported = await targetTree(target, uuid);
  expect(exported, `the target has no dashboard ${uuid}`).not.toBeNull();
  const actual = keepExistingNames(exported!, [...expected.keys()]);
  const differing = differingFiles(expected, actual);
  expect(
    differing
      .map(
        (file) =>
          `${file}\n--- repository\n${expected.get(file) ?? '(none)'}\n--- target\n${actual.get(file) ?? '(none)'}`,
      )
      .join('\n')
      .slice(0, 4000),
    'the target differs from the repository',
  ).toBe('');
}
