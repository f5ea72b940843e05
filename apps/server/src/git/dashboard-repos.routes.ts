// /api/dashboards/{uuid}/…: a dashboard's repository: connect, status by object, sync, commit, push, pull,
// branches and history.
import {
  ApiError,
  BranchCreate,
  BranchCreated,
  BranchDeleted,
  BranchDeleteQuery,
  BranchList,
  CommitParams,
  DisconnectQuery,
  FileDiffQuery,
  RestoreRequest,
  CommitCreated,
  DashboardCommitDetail,
  CommitPage,
  CommitRequest,
  DashboardRepo,
  DashboardRepoStatus,
  DashboardUuidParams,
  DashboardFileDiff,
  LogQuery,
  Ok,
  RepoConnect,
  TaskStarted,
} from '@superset-git/contracts';
import { createBranch, deleteBranch, fileDiff, listBranches, log } from '@superset-git/git';
import { describedCommit, describedDiff } from './change-meaning.ts';
import { userOf } from './request-user.ts';
import type { ZodApp } from '../http/zod-app.ts';
import type { DashboardReposService } from './dashboard-repos.service.ts';
import type { DashboardSyncService } from './dashboard-sync.service.ts';

const tags = ['dashboards in git'];
const errors = { 400: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

/** Registered under the git plugin's prefix, `/api`. */
export function dashboardReposRoutes(
  app: ZodApp,
  repos: DashboardReposService,
  sync: DashboardSyncService,
): void {
  const params = DashboardUuidParams;

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
      reply.code(201).send(await repos.connect(request.params.uuid, request.body, userOf(request))),
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
      repos.disconnect(request.params.uuid, { deleteRepository: request.query.deleteRepository });
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
        reply.code(202).send({ taskId: start(request.params.uuid, userOf(request)).id }),
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
    async (request, reply) =>
      reply
        .code(202)
        .send({ taskId: sync.startRestore(request.params.uuid, request.body.ref, userOf(request)).id }),
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
    async (request, reply) =>
      reply.code(201).send({ oid: await repos.commit(request.params.uuid, request.body, userOf(request)) }),
  );

  app.get(
    '/dashboards/:uuid/branches',
    {
      schema: {
        tags,
        summary: 'Local and remote branches with last commit and ahead/behind',
        params,
        response: { 200: BranchList, ...errors },
      },
    },
    async (request) => ({ items: await listBranches(repos.open(request.params.uuid).repo) }),
  );

  app.post(
    '/dashboards/:uuid/branches',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Create a branch from any branch, tag or commit',
        params,
        body: BranchCreate,
        response: { 201: BranchCreated, ...errors },
      },
    },
    async (request, reply) => {
      const oid = await createBranch(repos.open(request.params.uuid).repo, request.body);
      return reply.code(201).send({ name: request.body.name, oid });
    },
  );

  app.delete(
    '/dashboards/:uuid/branches',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Delete a branch (not the current one); its commits stay reachable from a backup ref',
        params,
        querystring: BranchDeleteQuery,
        response: { 200: BranchDeleted, ...errors },
      },
    },
    async (request) => deleteBranch(repos.open(request.params.uuid).repo, request.query),
  );

  app.get(
    '/dashboards/:uuid/history',
    {
      schema: {
        tags,
        summary: 'History with search by text, author, dates and path, paged by cursor',
        params,
        querystring: LogQuery,
        response: { 200: CommitPage, ...errors },
      },
    },
    async (request) => log(repos.open(request.params.uuid).repo, request.query),
  );

  app.get(
    '/dashboards/:uuid/commits/:sha',
    {
      schema: {
        tags,
        summary: 'One commit with its changed files',
        params: CommitParams,
        response: { 200: DashboardCommitDetail, ...errors },
      },
    },
    async (request) => describedCommit(repos.open(request.params.uuid).repo, request.params.sha),
  );

  app.get(
    '/dashboards/:uuid/diff',
    {
      schema: {
        tags,
        summary: 'One file’s diff between two refs, or a ref and the work tree',
        params,
        querystring: FileDiffQuery,
        response: { 200: DashboardFileDiff, ...errors },
      },
    },
    async (request) => {
      const { repo } = repos.open(request.params.uuid);
      return describedDiff(repo, request.query, await fileDiff(repo, request.query));
    },
  );
}
