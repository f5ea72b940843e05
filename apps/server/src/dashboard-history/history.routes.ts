// /api/dashboards/{uuid}/history, /commits/{sha} and /diff: what changed, when, by whom, and what it means.
import {
  CommitPage,
  CommitParams,
  DashboardCommitDetail,
  DashboardFileDiff,
  DashboardUuidParams as params,
  FileDiffQuery,
  LogQuery,
} from '@superset-git/contracts';
import { USE_CASE_ERRORS as errors, type ZodApp } from '../http/zod-app.ts';
import type { HistoryService } from './history.service.ts';

const tags = ['dashboards in git'];

export function historyRoutes(app: ZodApp, history: HistoryService): void {
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
    async (request) => history.log(request.params.uuid, request.query),
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
    async (request) => history.commit(request.params.uuid, request.params.sha),
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
    async (request) => history.diff(request.params.uuid, request.query),
  );
}
