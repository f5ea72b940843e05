// /api/dashboards/{uuid}/recovery…: safety branches and deleted branches, listed with what they hold; apply a
// safety branch (a task), delete one, restore a deleted branch.
import {
  BranchCreated,
  BranchDeleted,
  DashboardUuidParams as params,
  KeptBranchQuery,
  KeptBranchRequest,
  RecoveryList,
  TaskStarted,
} from '@superset-git/contracts';
import { caller } from '../auth/auth.hook.ts';
import { USE_CASE_ERRORS as errors, type ZodApp } from '../http/zod-app.ts';
import type { ApplySafetyBranchService } from './apply-safety-branch.service.ts';
import type { RecoveryService } from './recovery.service.ts';

const tags = ['dashboards in git'];

export function recoveryRoutes(
  app: ZodApp,
  recovery: RecoveryService,
  applier: ApplySafetyBranchService,
): void {
  app.get(
    '/dashboards/:uuid/recovery',
    {
      schema: {
        tags,
        summary: 'Safety branches and deleted branches that can be brought back, with the objects each holds',
        params,
        response: { 200: RecoveryList, ...errors },
      },
    },
    async (request) => recovery.list(request.params.uuid),
  );

  app.post(
    '/dashboards/:uuid/recovery/apply',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary:
          'Bring a safety branch’s edits onto the current branch, uncommitted, and into Superset (a task; current edits are kept on a new safety branch first)',
        params,
        body: KeptBranchRequest,
        response: { 202: TaskStarted, ...errors },
      },
    },
    async (request, reply) => {
      const task = await applier.startApply(request.params.uuid, request.body.name, caller(request).user);
      return reply.code(202).send({ taskId: task.id });
    },
  );

  app.delete(
    '/dashboards/:uuid/recovery/safety-branches',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Delete a safety branch; a backup ref keeps it among the deleted branches',
        params,
        querystring: KeptBranchQuery,
        response: { 200: BranchDeleted, ...errors },
      },
    },
    async (request) => recovery.deleteSafety(request.params.uuid, request.query.name),
  );

  app.post(
    '/dashboards/:uuid/recovery/restore',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Bring a deleted branch back under its name, with its commits',
        params,
        body: KeptBranchRequest,
        response: { 201: BranchCreated, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recovery.restore(request.params.uuid, request.body.name)),
  );
}
