// /api/dashboards/{uuid}/repository, /status and /commit: connect a dashboard to a repository, see its changes
// by object, commit them.
import {
  ApiError,
  CommitCreated,
  CommitRequest,
  DashboardRepo,
  DashboardRepoStatus,
  DashboardUuidParams as params,
  DisconnectQuery,
  Ok,
  RepoConnect,
  type User,
} from '@superset-git/contracts';
import { caller } from '../auth/auth.hook.ts';
import { USE_CASE_ERRORS as errors, type ZodApp } from '../http/zod-app.ts';
import type { DashboardReposService } from './dashboard-repos.service.ts';

const tags = ['dashboards in git'];

/** What follows a commit through the API: a push of it where clones follow their remotes (its task), or null. */
type AfterCommit = (uuid: string, user: User) => Promise<number | null>;

export function dashboardReposRoutes(
  app: ZodApp,
  repos: DashboardReposService,
  afterCommit: AfterCommit,
): void {
  app.post(
    '/dashboards/:uuid/repository',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Connect the dashboard to a repository: init, attach an empty remote, or clone',
        params,
        body: RepoConnect,
        response: { 201: DashboardRepo, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await repos.connect(request.params.uuid, request.body, caller(request).user)),
  );

  app.get(
    '/dashboards/:uuid/repository',
    {
      schema: {
        tags,
        summary: 'The repository a dashboard is connected to',
        params,
        response: { 200: DashboardRepo, 404: ApiError },
      },
    },
    async (request) => repos.get(request.params.uuid),
  );

  app.delete(
    '/dashboards/:uuid/repository',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Disconnect; the repository folder is kept unless deleteRepository=true',
        params,
        querystring: DisconnectQuery,
        response: { 200: Ok, 404: ApiError },
      },
    },
    async (request) => {
      await repos.disconnect(request.params.uuid, request.query);
      return { ok: true as const };
    },
  );

  app.get(
    '/dashboards/:uuid/status',
    {
      schema: {
        tags,
        summary: 'Branch, ahead/behind and every change with its object (chart, dataset, …)',
        params,
        response: { 200: DashboardRepoStatus, ...errors },
      },
    },
    async (request) => repos.status(request.params.uuid),
  );

  app.post(
    '/dashboards/:uuid/commit',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Stage (all or chosen files) and commit as the signed-in user',
        params,
        body: CommitRequest,
        response: { 201: CommitCreated, ...errors },
      },
    },
    async (request, reply) => {
      const { user } = caller(request);
      const oid = await repos.commit(request.params.uuid, request.body, user);
      const pushTaskId = await afterCommit(request.params.uuid, user);
      return reply.code(201).send(pushTaskId === null ? { oid } : { oid, pushTaskId });
    },
  );
}
