// /api/dashboards/{uuid}/tags and /tags/push: list, create and delete tags (releases), and push one (a task).
import {
  DashboardUuidParams as params,
  GitTag,
  TagCreate,
  TagDeleted,
  TagDeleteQuery,
  TagList,
  TagPushRequest,
  TaskStarted,
} from '@superset-git/contracts';
import { caller } from '../auth/auth.hook.ts';
import { USE_CASE_ERRORS as errors, type ZodApp } from '../http/zod-app.ts';
import type { TagsService } from './tags.service.ts';

const tags = ['dashboards in git'];

export function tagsRoutes(app: ZodApp, service: TagsService): void {
  app.get(
    '/dashboards/:uuid/tags',
    {
      schema: {
        tags,
        summary: 'Tags, newest first, with the commit each names',
        params,
        response: { 200: TagList, ...errors },
      },
    },
    async (request) => ({ items: await service.list(request.params.uuid) }),
  );

  app.post(
    '/dashboards/:uuid/tags',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Tag the current commit (or a branch, tag or commit); annotated when a message is given',
        params,
        body: TagCreate,
        response: { 201: GitTag, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.params.uuid, request.body)),
  );

  app.delete(
    '/dashboards/:uuid/tags',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Delete a tag, and on the git server with remote=true; a backup ref keeps it',
        params,
        querystring: TagDeleteQuery,
        response: { 200: TagDeleted, ...errors },
      },
    },
    async (request) => service.delete(request.params.uuid, request.query),
  );

  app.post(
    '/dashboards/:uuid/tags/push',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Push a tag to the git server (a task)',
        params,
        body: TagPushRequest,
        response: { 202: TaskStarted, ...errors },
      },
    },
    async (request, reply) => {
      const task = await service.startPush(request.params.uuid, request.body.name, caller(request).user);
      return reply.code(202).send({ taskId: task.id });
    },
  );
}
