// /api/dashboards/{uuid}/pull-requests: a prefilled draft, opening one on the provider (a task), and the list with
// states refreshed from the provider.
import {
  DashboardUuidParams as params,
  PullRequestCreate,
  PullRequestDraft,
  PullRequestDraftQuery,
  PullRequestList,
  TaskStarted,
} from '@superset-git/contracts';
import { caller } from '../auth/auth.hook.ts';
import { USE_CASE_ERRORS as errors, type ZodApp } from '../http/zod-app.ts';
import type { PullRequestsService } from './pull-requests.service.ts';

const tags = ['dashboards in git'];

export function pullRequestsRoutes(app: ZodApp, service: PullRequestsService): void {
  app.get(
    '/dashboards/:uuid/pull-requests',
    {
      schema: {
        tags,
        summary: 'Pull requests opened here, newest first, with the open ones refreshed from the provider',
        params,
        response: { 200: PullRequestList, ...errors },
      },
    },
    async (request) => service.list(request.params.uuid),
  );

  app.get(
    '/dashboards/:uuid/pull-requests/draft',
    {
      schema: {
        tags,
        summary: "A pull request's prefilled title and description from the branch's commits and changes",
        params,
        querystring: PullRequestDraftQuery,
        response: { 200: PullRequestDraft, ...errors },
      },
    },
    async (request) => service.draft(request.params.uuid, request.query),
  );

  app.post(
    '/dashboards/:uuid/pull-requests',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Open a pull request on the provider, pushing the branch first when needed (a task)',
        params,
        body: PullRequestCreate,
        response: { 202: TaskStarted, ...errors },
      },
    },
    async (request, reply) => {
      const task = await service.startCreate(request.params.uuid, request.body, caller(request).user);
      return reply.code(202).send({ taskId: task.id });
    },
  );
}
