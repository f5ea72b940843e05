// /api/environments/{id}/dashboards: the dashboard hub.
import { ApiError, DashboardListQuery, DashboardPage, IdParams } from '@superset-git/contracts';
import type { ZodApp } from '../http/zod-app.ts';
import type { DashboardHubService } from './dashboard-hub.service.ts';

export function dashboardHubRoutes(app: ZodApp, hub: DashboardHubService): void {
  app.get(
    '/api/environments/:id/dashboards',
    {
      schema: {
        tags: ['environments'],
        summary: 'The dashboard hub: dashboards of the environment with their git status',
        params: IdParams,
        querystring: DashboardListQuery,
        response: { 200: DashboardPage, 404: ApiError, 422: ApiError },
      },
    },
    async (request) => hub.list(request.params.id, request.query),
  );
}
