// /api/dashboards/{uuid}/deploy, /api/deployments and /api/environments/{id}/deploy-settings.
import {
  ApiError,
  DashboardUuidParams,
  Deployment,
  DeploymentList,
  DeploymentsQuery,
  DeployResult,
  DeployRequest,
  DeploySettings,
  DeploySettingsInput,
  IdParams,
} from '@superset-git/contracts';
import type { ZodApp } from '../http/zod-app.ts';
import type { DeploySettingsService } from './deploy-settings.service.ts';
import type { DeployService } from './deploy.service.ts';
import { userOf } from './request-user.ts';

const tags = ['deploy'];
const errors = { 400: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

export function deployRoutes(app: ZodApp, deploys: DeployService, settings: DeploySettingsService): void {
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
    async (request) => deploys.deploy(request.params.uuid, request.body, userOf(request)),
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
    async (request) => ({
      items: deploys.list({
        dashboardUuid: request.query.dashboard,
        environmentId: request.query.environment,
      }),
    }),
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
    async (request) => deploys.get(request.params.id),
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
    async (request) => deploys.rollback(request.params.id, userOf(request)),
  );

  app.get(
    '/environments/:id/deploy-settings',
    {
      schema: {
        tags,
        summary: 'How dashboards deploy into this environment (passwords never shown)',
        params: IdParams,
        response: { 200: DeploySettings, 404: ApiError },
      },
    },
    async (request) => settings.get(request.params.id),
  );

  app.put(
    '/environments/:id/deploy-settings',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Replace the deploy settings; a mapping without a password keeps the saved one',
        params: IdParams,
        body: DeploySettingsInput,
        response: { 200: DeploySettings, ...errors },
      },
    },
    async (request) => settings.put(request.params.id, request.body),
  );
}
