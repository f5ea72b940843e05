// /api/git/servers/test and /api/git/servers/{id}/test: the token check, saved or not yet saved.
import {
  ApiError,
  GitServerCreate,
  GitServerTestInput,
  GitServerTestResult,
  IdParams,
} from '@superset-git/contracts';
import type { ZodApp } from '../http/zod-app.ts';
import type { GitServersService } from './git-servers.service.ts';

const tags = ['git servers'];

export function gitServerTestRoutes(app: ZodApp, servers: GitServersService): void {
  app.post(
    '/git/servers/test',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Check a token and URL that are not saved yet',
        body: GitServerCreate,
        response: { 200: GitServerTestResult, 400: ApiError },
      },
    },
    async (request) => servers.testUnsaved(request.body),
  );

  app.post(
    '/git/servers/:id/test',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Check a saved git server (optionally with changed, unsaved fields) and record the result',
        params: IdParams,
        body: GitServerTestInput,
        response: { 200: GitServerTestResult, 400: ApiError, 404: ApiError },
      },
    },
    async (request) => servers.test(request.params.id, request.body ?? undefined),
  );
}
