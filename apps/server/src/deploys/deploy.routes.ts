// /api/dashboards/{uuid}/deploy and /api/deployments: plan and deploy a ref into an environment, the deploy
// history, and rolling one back.
import {
  ApiError,
  DashboardUuidParams,
  Deployment,
  DeploymentList,
  DeploymentsQuery,
  DeployResult,
  DeployRequest,
  IdParams,
} from '@superset-git/contracts';
import { caller } from '../auth/auth.hook.ts';
import { USE_CASE_ERRORS as errors, type ZodApp } from '../http/zod-app.ts';
import type { DeployService } from './deploy.service.ts';
import type { DeploymentHistory } from './deployment-history.ts';
import type { RollbackService } from './rollback.service.ts';

const tags = ['deploy'];

export function deployRoutes(
  app: ZodApp,
  deploys: DeployService,
  rollbacks: RollbackService,
  history: DeploymentHistory,
): void {
  app.post(
    '/dashboards/:uuid/deploy',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Plan, and unless dryRun deploy, the repository at a ref into an environment',
        params: DashboardUuidParams,
        body: DeployRequest,
        response: { 200: DeployResult, ...errors },
      },
    },
    async (request) => deploys.deploy(request.params.uuid, request.body, caller(request).user),
  );

  app.get(
    '/deployments',
    {
      schema: {
        tags,
        summary: 'Deploy history: who, when, ref, sha, environment, plan, result, duration',
        querystring: DeploymentsQuery,
        response: { 200: DeploymentList },
      },
    },
    async (request) => ({ items: await history.list(request.query) }),
  );

  app.get(
    '/deployments/:id',
    {
      schema: {
        tags,
        summary: 'One deployment',
        params: IdParams,
        response: { 200: Deployment, 404: ApiError },
      },
    },
    async (request) => history.get(request.params.id),
  );

  app.post(
    '/deployments/:id/rollback',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Put the target back to the version kept before this deployment',
        params: IdParams,
        response: { 200: Deployment, ...errors },
      },
    },
    async (request) => rollbacks.rollback(request.params.id, caller(request).user),
  );
}
