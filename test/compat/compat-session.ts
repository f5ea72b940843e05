// A superset-git server for one compatibility test file, and the user actions the journeys are made of: register an
// environment, connect a dashboard, sync, commit, switch, deploy, roll back, compare a target with the repository.
import { expect } from 'vitest';
import type { ApiClient, Schemas, TaskDetail } from '@superset-git/api-client';
import type { Environment } from '@superset-git/contracts';
import type { SupersetInfo } from '@superset-git/harness';
import { targetTree, type NormalizedTree, type SupersetClient } from '@superset-git/superset';
import { filesAtRef, openRepo } from '@superset-git/git';
import { keepExistingNames } from '@superset-git/superset';
import { apiOf, expectStatus, runTask } from '../support/api.ts';
import { clientFor, dashboardUuid } from '../support/superset-admin.ts';
import {
  addEnvironment,
  login,
  startTestServer,
  type Caller,
  type TestServer,
} from '../support/test-server.ts';

type BranchSwitchResult = Schemas['BranchSwitchResult'];
type DashboardRepoStatus = Schemas['DashboardRepoStatus'];
type Deployment = Schemas['Deployment'];
type DeployPlan = Schemas['DeployPlan'];

export interface CompatSession {
  server: TestServer;
  caller: Caller;
  /** The API as the signed-in admin. */
  api: ApiClient;
  close(): Promise<void>;
}

export async function openSession(): Promise<CompatSession> {
  const server = await startTestServer();
  const caller = await login(server);
  return { server, caller, api: apiOf(server, caller), close: () => server.close() };
}

/** Syncs the dashboard from Superset and waits; a failed task fails the test with its error. */
export async function sync(session: CompatSession, uuid: string): Promise<TaskDetail> {
  const task = await runTask(
    session.api,
    session.api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }),
  );
  expect(task.state, task.error ?? '').toBe('SUCCESS');
  return task;
}

/** Commits what the work tree holds; the commit must be made (201). */
export async function commitAll(session: CompatSession, uuid: string, message: string): Promise<void> {
  await expectStatus(
    201,
    session.api.raw.POST('/api/dashboards/{uuid}/commit', { params: { path: { uuid } }, body: { message } }),
  );
}

export const registerSuperset = (
  session: CompatSession,
  name: string,
  info: SupersetInfo,
): Promise<Environment> => addEnvironment(session.server, session.caller, name, info);

export const repoDir = (session: CompatSession, uuid: string) => `${session.server.dataDir}/repos/${uuid}`;

export async function status(session: CompatSession, uuid: string): Promise<DashboardRepoStatus> {
  return session.api.GET('/api/dashboards/{uuid}/status', { params: { path: { uuid } } });
}

/** Syncs from Superset, then expects the work tree to hold no change (Superset and the branch agree). */
export async function expectInSync(session: CompatSession, uuid: string): Promise<void> {
  await sync(session, uuid);
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
  await expectStatus(
    201,
    session.api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: { environmentId: environment.id, mode: 'init' },
    }),
  );
  await sync(session, uuid);
  await commitAll(session, uuid, `${slug} as exported`);
  return uuid;
}

export async function switchBranch(
  session: CompatSession,
  uuid: string,
  branch: string,
): Promise<BranchSwitchResult> {
  return expectStatus(
    200,
    session.api.raw.POST('/api/dashboards/{uuid}/switch', {
      params: { path: { uuid } },
      body: { branch, verify: true },
    }),
  );
}

export async function plan(
  session: CompatSession,
  uuid: string,
  environment: Environment,
  ref: string,
): Promise<DeployPlan> {
  const answer = await expectStatus(
    200,
    session.api.raw.POST('/api/dashboards/{uuid}/deploy', {
      params: { path: { uuid } },
      body: { environmentId: environment.id, ref, dryRun: true },
    }),
  );
  return answer.plan;
}

/** Deploys and waits; the deployment must end in `state` (by default, succeed). */
export async function deploy(
  session: CompatSession,
  uuid: string,
  environment: Environment,
  ref: string,
  state: Deployment['state'] = 'SUCCESS',
): Promise<{ plan: DeployPlan; deployment: Deployment }> {
  const answer = await expectStatus(
    200,
    session.api.raw.POST('/api/dashboards/{uuid}/deploy', {
      params: { path: { uuid } },
      body: { environmentId: environment.id, ref, dryRun: false },
    }),
  );
  await session.server.services.tasks.idle();
  const deployment = await session.api.GET('/api/deployments/{id}', {
    params: { path: { id: answer.deployment!.id } },
  });
  expect(deployment.state, deployment.message ?? '').toBe(state);
  return { plan: answer.plan, deployment };
}

export async function rollBack(session: CompatSession, deploymentId: number): Promise<void> {
  const started = await expectStatus(
    200,
    session.api.raw.POST('/api/deployments/{id}/rollback', { params: { path: { id: deploymentId } } }),
  );
  await session.server.services.tasks.idle();
  const done = await session.api.GET('/api/deployments/{id}', { params: { path: { id: started.id } } });
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
