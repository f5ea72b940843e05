// /api/environments/{id}/deploy-state and /api/dashboards/{uuid}/drift: what is live on a target environment,
// what was edited there since, and the target's export against the deployed tree.
import {
  DashboardUuidParams,
  DeployStateList,
  DeployStateQuery,
  DriftDiff,
  DriftQuery,
  IdParams,
} from '@superset-git/contracts';
import { USE_CASE_ERRORS as errors, type ZodApp } from '../http/zod-app.ts';
import type { DeployStateService } from './deploy-state.service.ts';

const tags = ['deploy'];

export function deployStateRoutes(app: ZodApp, state: DeployStateService): void {
  app.get(
    '/environments/:id/deploy-state',
    {
      schema: {
        tags,
        summary:
          'For dashboards whose repository syncs from elsewhere: the version live here and what was edited here since',
        params: IdParams,
        querystring: DeployStateQuery,
        response: { 200: DeployStateList, ...errors },
      },
    },
    async (request) => state.list(request.params.id, request.query.dashboards),
  );

  app.get(
    '/dashboards/:uuid/drift',
    {
      schema: {
        tags,
        summary:
          "An environment's current export compared with a ref (default: the version live there), object by object",
        params: DashboardUuidParams,
        querystring: DriftQuery,
        response: { 200: DriftDiff, ...errors },
      },
    },
    async (request) => state.diff(request.params.uuid, request.query.environment, request.query.ref),
  );
}
