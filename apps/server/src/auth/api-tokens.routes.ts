// /api/auth/tokens: the signed-in user's personal API tokens.
import {
  ApiError,
  ApiTokenCreate,
  ApiTokenCreated,
  ApiTokenList,
  IdParams,
  Ok,
} from '@superset-git/contracts';
import type { ZodApp } from '../http/zod-app.ts';
import type { AuthService } from './auth.service.ts';
import { caller } from './auth.hook.ts';

export function apiTokensRoutes(app: ZodApp, auth: AuthService): void {
  app.get(
    '/api/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'My API tokens (never the token itself)',
        response: { 200: ApiTokenList },
      },
    },
    async (request) => ({ items: await auth.listApiTokens(caller(request).user.id) }),
  );

  app.post(
    '/api/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a personal API token; the token is shown only in this answer',
        body: ApiTokenCreate,
        response: { 201: ApiTokenCreated, 400: ApiError },
      },
    },
    async (request, reply) => {
      const created = await auth.createApiToken(
        caller(request).user.id,
        request.body.name,
        request.body.expiresInDays,
      );
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/auth/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of my API tokens',
        params: IdParams,
        response: { 200: Ok, 404: ApiError },
      },
    },
    async (request) => {
      await auth.revokeApiToken(caller(request).user.id, request.params.id);
      return { ok: true as const };
    },
  );
}
