// /api/dashboards/{uuid}/drift/adopt and …/drift/put-back: keep an environment's edits in a new branch, or put
// the live version back there.
import {
  AdoptRequest,
  AdoptResult,
  DashboardUuidParams,
  DeployResult,
  PutBackRequest,
} from '@superset-git/contracts';
import { caller } from '../auth/auth.hook.ts';
import { USE_CASE_ERRORS as errors, type ZodApp } from '../http/zod-app.ts';
import type { DriftActionsService } from './drift-actions.service.ts';

const tags = ['deploy'];

export function driftActionsRoutes(app: ZodApp, actions: DriftActionsService): void {
  app.post(
    '/dashboards/:uuid/drift/adopt',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary:
          "Commit what an environment holds onto a new branch from its live deployment (the repository's connections kept)",
        params: DashboardUuidParams,
        body: AdoptRequest,
        response: { 200: AdoptResult, ...errors },
      },
    },
    async (request) => actions.adopt(request.params.uuid, request.body, caller(request).user),
  );

  app.post(
    '/dashboards/:uuid/drift/put-back',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary:
          'Deploy the live version into the environment again, undoing edits made there (a deploy task)',
        params: DashboardUuidParams,
        body: PutBackRequest,
        response: { 200: DeployResult, ...errors },
      },
    },
    async (request) => actions.putBack(request.params.uuid, request.body, caller(request).user),
  );
}
