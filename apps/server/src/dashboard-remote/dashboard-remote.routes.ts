// /api/dashboards/{uuid}/remote: attach, change or detach the remote of a connected dashboard repository.
import {
  DashboardRepo,
  DashboardUuidParams as params,
  RemoteSet,
  RemoteSetResult,
} from '@superset-git/contracts';
import { caller } from '../auth/auth.hook.ts';
import { USE_CASE_ERRORS as errors, type ZodApp } from '../http/zod-app.ts';
import type { DashboardRemoteService } from './dashboard-remote.service.ts';

const tags = ['dashboards in git'];

export function dashboardRemoteRoutes(app: ZodApp, remotes: DashboardRemoteService): void {
  app.put(
    '/dashboards/:uuid/remote',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary:
          'Attach or change the remote (creating the repository when asked); refused for unrelated history',
        params,
        body: RemoteSet,
        response: { 200: RemoteSetResult, ...errors },
      },
    },
    async (request) => remotes.set(request.params.uuid, request.body, caller(request).user),
  );

  app.delete(
    '/dashboards/:uuid/remote',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Detach the remote; the local repository and its history stay',
        params,
        response: { 200: DashboardRepo, ...errors },
      },
    },
    async (request) => remotes.remove(request.params.uuid, caller(request).user),
  );
}
