// /api/dashboards/{uuid}/merge and /compare: merge another branch into the current one (a task; Superset
// follows), and compare two branches by object before doing so.
import {
  BranchCompareQuery,
  BranchComparison,
  BranchMergeRequest,
  DashboardUuidParams as params,
  TaskStarted,
} from '@superset-git/contracts';
import { caller } from '../auth/auth.hook.ts';
import { USE_CASE_ERRORS as errors, type ZodApp } from '../http/zod-app.ts';
import type { CompareService } from './compare.service.ts';
import type { MergeBranchService } from './merge-branch.service.ts';

const tags = ['dashboards in git'];

export function mergeBranchRoutes(app: ZodApp, merger: MergeBranchService, comparer: CompareService): void {
  app.post(
    '/dashboards/:uuid/merge',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary:
          'Merge a branch into the current one and import what it changed into Superset (a task; Superset edits must be committed first; conflicts wait for /conflicts)',
        params,
        body: BranchMergeRequest,
        response: { 202: TaskStarted, ...errors },
      },
    },
    async (request, reply) => {
      const task = await merger.startMerge(request.params.uuid, request.body, caller(request).user);
      return reply.code(202).send({ taskId: task.id });
    },
  );

  app.get(
    '/dashboards/:uuid/compare',
    {
      schema: {
        tags,
        summary:
          'Commits on head not on base (and the reverse count), and the objects that differ between them, by name',
        params,
        querystring: BranchCompareQuery,
        response: { 200: BranchComparison, ...errors },
      },
    },
    async (request) => comparer.compare(request.params.uuid, request.query),
  );
}
