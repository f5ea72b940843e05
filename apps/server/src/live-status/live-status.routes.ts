// /api/dashboards/{uuid}/superset-changes and /background-fetch: what the dashboard page polls to stay true
// without a sync or a pull.
import { DashboardUuidParams as params, RemoteFetchState, SupersetChanges } from '@superset-git/contracts';
import { USE_CASE_ERRORS as errors, type ZodApp } from '../http/zod-app.ts';
import type { BackgroundFetchService } from './background-fetch.service.ts';
import type { SupersetChangesService } from './superset-changes.service.ts';

const tags = ['dashboards in git'];

export function liveStatusRoutes(
  app: ZodApp,
  changes: SupersetChangesService,
  fetcher: BackgroundFetchService,
): void {
  app.get(
    '/dashboards/:uuid/superset-changes',
    {
      schema: {
        tags,
        summary: 'The charts, datasets and dashboard edited in Superset since the last sync, without syncing',
        params,
        response: { 200: SupersetChanges, ...errors },
      },
    },
    async (request) => changes.changes(request.params.uuid),
  );

  app.post(
    '/dashboards/:uuid/background-fetch',
    {
      schema: {
        tags,
        summary:
          'Fetch from the git server so behind counts are true (rate-limited per repository; a failure is reported, not raised)',
        params,
        response: { 200: RemoteFetchState, ...errors },
      },
    },
    async (request) => fetcher.fetch(request.params.uuid),
  );
}
