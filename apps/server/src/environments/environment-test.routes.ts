// /api/environments/test and /api/environments/{id}/test: the connection test, saved or not yet saved.
import {
  ApiError,
  ConnectionTestResult,
  EnvironmentCreate,
  EnvironmentTestInput,
  IdParams,
} from '@superset-git/contracts';
import type { ZodApp } from '../http/zod-app.ts';
import type { EnvironmentsService } from './environments.service.ts';

const tags = ['environments'];

export function environmentTestRoutes(app: ZodApp, environments: EnvironmentsService): void {
  app.post(
    '/api/environments/test',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Test connection values that are not saved yet',
        body: EnvironmentCreate,
        response: { 200: ConnectionTestResult, 400: ApiError },
      },
    },
    async (request) => environments.testUnsaved(request.body),
  );

  app.post(
    '/api/environments/:id/test',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Test a saved environment (optionally with changed, unsaved fields) and record the result',
        params: IdParams,
        body: EnvironmentTestInput,
        response: { 200: ConnectionTestResult, 404: ApiError },
      },
    },
    async (request) => environments.test(request.params.id, request.body ?? undefined),
  );
}
