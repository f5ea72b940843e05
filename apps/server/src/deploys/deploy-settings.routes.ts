// /api/environments/{id}/deploy-settings: how dashboards deploy into an environment.
import { ApiError, DeploySettings, DeploySettingsInput, IdParams } from '@superset-git/contracts';
import { USE_CASE_ERRORS as errors, type ZodApp } from '../http/zod-app.ts';
import type { DeploySettingsService } from './deploy-settings.service.ts';

const tags = ['deploy'];

export function deploySettingsRoutes(app: ZodApp, settings: DeploySettingsService): void {
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
