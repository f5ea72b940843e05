// /api/environments/{id}/drift-check: an environment's drift check, its last run and the one going on (GET), and
// a run started now as a task (POST, "Check drift now").
import { ApiError, DriftCheckStatus, IdParams, TaskStarted } from '@superset-git/contracts';
import { caller } from '../auth/auth.hook.ts';
import { USE_CASE_ERRORS as errors, type ZodApp } from '../http/zod-app.ts';
import type { DriftCheckNowService } from './drift-check-now.service.ts';
import type { DriftCheckService } from './drift-check.service.ts';

const tags = ['deploy'];

export function driftCheckRoutes(app: ZodApp, checks: DriftCheckService, now: DriftCheckNowService): void {
  app.get(
    '/environments/:id/drift-check',
    {
      schema: {
        tags,
        summary:
          "The environment's drift check: dashboards live there, its schedule, the run going on and the last run",
        params: IdParams,
        response: { 200: DriftCheckStatus, ...errors },
      },
    },
    async (request) => checks.status(request.params.id),
  );

  app.post(
    '/environments/:id/drift-check',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary:
          'Check every dashboard live on the environment for drift now (a task with progress); 409 while a check of it runs',
        params: IdParams,
        response: { 202: TaskStarted, 400: ApiError, 403: ApiError, 404: ApiError, 409: ApiError },
      },
    },
    async (request, reply) =>
      reply.code(202).send({ taskId: (await now.start(request.params.id, caller(request).user)).id }),
  );
}
