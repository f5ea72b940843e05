// /api/dashboards/{uuid}/conflicts and /merge: finishing a pull that conflicted, file by file.
import {
  CommitCreated,
  ConflictFileQuery,
  ConflictList,
  ConflictVersions,
  DashboardUuidParams as params,
  MergeContinueRequest,
  Ok,
  ResolveRequest,
} from '@superset-git/contracts';
import { caller } from '../auth/auth.hook.ts';
import { USE_CASE_ERRORS as errors, type ZodApp } from '../http/zod-app.ts';
import type { MergeService } from './merge.service.ts';

const tags = ['dashboards in git'];

export function mergeRoutes(app: ZodApp, merge: MergeService): void {
  app.get(
    '/dashboards/:uuid/conflicts',
    {
      schema: {
        tags,
        summary: 'Files in conflict while a merge is in progress',
        params,
        response: { 200: ConflictList, ...errors },
      },
    },
    async (request) => merge.conflicts(request.params.uuid),
  );

  app.get(
    '/dashboards/:uuid/conflicts/file',
    {
      schema: {
        tags,
        summary: 'One conflicted file: base, mine, theirs and the work tree with conflict markers',
        params,
        querystring: ConflictFileQuery,
        response: { 200: ConflictVersions, ...errors },
      },
    },
    async (request) => merge.versions(request.params.uuid, request.query.path),
  );

  app.post(
    '/dashboards/:uuid/conflicts/resolve',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Resolve one file: mine, theirs, or the given content',
        params,
        body: ResolveRequest,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await merge.resolve(request.params.uuid, request.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/dashboards/:uuid/merge/abort',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Abort the merge: back to the branch as it was',
        params,
        response: { 200: Ok, ...errors },
      },
    },
    async (request) => {
      await merge.abort(request.params.uuid);
      return { ok: true as const };
    },
  );

  app.post(
    '/dashboards/:uuid/merge/continue',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Commit the merge once every conflict is resolved',
        params,
        body: MergeContinueRequest,
        response: { 201: CommitCreated, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        oid: await merge.continue(request.params.uuid, caller(request).user, request.body?.message),
      }),
  );
}
