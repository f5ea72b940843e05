// /api/dashboards/{uuid}/sync, push, pull, import and restore: the long work on a dashboard's repository,
// each started as a task.
import { DashboardUuidParams as params, RestoreRequest, TaskStarted } from '@superset-git/contracts';
import { caller } from '../auth/auth.hook.ts';
import { USE_CASE_ERRORS as errors, type ZodApp } from '../http/zod-app.ts';
import type { DashboardSyncService } from './dashboard-sync.service.ts';

const tags = ['dashboards in git'];

export function dashboardSyncRoutes(app: ZodApp, sync: DashboardSyncService): void {
  for (const [verb, start, summary] of [
    ['sync', sync.startSync.bind(sync), 'Export the dashboard from Superset into the work tree (a task)'],
    ['push', sync.startPush.bind(sync), 'Push the current branch (a task)'],
    [
      'pull',
      sync.startPull.bind(sync),
      'Pull the current branch and import what it changed into Superset (a task; Superset edits must be committed first)',
    ],
    [
      'import',
      sync.startImport.bind(sync),
      'Import the whole dashboard as the current commit has it into Superset, overwriting it there (a task)',
    ],
  ] as const) {
    app.post(
      `/dashboards/:uuid/${verb}`,
      {
        config: { access: 'editor' },
        schema: { tags, summary, params, response: { 202: TaskStarted, ...errors } },
      },
      async (request, reply) =>
        reply.code(202).send({ taskId: (await start(request.params.uuid, caller(request).user)).id }),
    );
  }

  app.post(
    '/dashboards/:uuid/restore',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary:
          'Bring back the version of a commit as a new commit on the current branch, and into Superset (a task; Superset edits must be committed first)',
        params,
        body: RestoreRequest,
        response: { 202: TaskStarted, ...errors },
      },
    },
    async (request, reply) => {
      const task = await sync.startRestore(request.params.uuid, request.body.ref, caller(request).user);
      return reply.code(202).send({ taskId: task.id });
    },
  );
}
