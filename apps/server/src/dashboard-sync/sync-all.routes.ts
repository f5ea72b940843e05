// /api/environments/{id}/sync-all: every dashboard of an environment into git, as one task.
import { ApiError, IdParams, SyncAllRequest, TaskStarted } from '@superset-git/contracts';
import type { ZodApp } from '../http/zod-app.ts';
import { caller } from '../auth/auth.hook.ts';
import type { SyncAllService } from './sync-all.service.ts';

export function syncAllRoutes(app: ZodApp, service: SyncAllService): void {
  app.post(
    '/environments/:id/sync-all',
    {
      config: { access: 'editor' },
      schema: {
        tags: ['dashboards in git'],
        summary:
          'Connect every dashboard of the environment to a local repository where needed and sync each one (a task with progress; commits when given a message)',
        params: IdParams,
        body: SyncAllRequest,
        response: { 202: TaskStarted, 400: ApiError, 404: ApiError, 409: ApiError },
      },
    },
    async (request, reply) =>
      reply.code(202).send({
        taskId: (await service.startSyncAll(request.params.id, request.body, caller(request).user)).id,
      }),
  );
}
