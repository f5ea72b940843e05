// /api/git/servers: the git servers dashboards' repositories live on.
import {
  ApiError,
  GitServer,
  GitServerCreate,
  GitServerList,
  GitServerUpdate,
  IdParams,
  Ok,
} from '@superset-git/contracts';
import type { ZodApp } from '../http/zod-app.ts';
import type { GitServersService } from './git-servers.service.ts';

const tags = ['git servers'];

/** Registered under the git plugin's prefix, `/api`. */
export function gitServersRoutes(app: ZodApp, servers: GitServersService): void {
  app.get(
    '/git/servers',
    {
      schema: { tags, summary: 'All git servers (tokens never included)', response: { 200: GitServerList } },
    },
    async () => ({ items: await servers.list() }),
  );

  app.post(
    '/git/servers',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Add a git server; its token is checked with the provider first unless skipConnectionTest',
        body: GitServerCreate,
        response: { 201: GitServer, 400: ApiError, 409: ApiError, 422: ApiError },
      },
    },
    async (request, reply) => reply.code(201).send(await servers.create(request.body)),
  );

  app.get(
    '/git/servers/:id',
    {
      schema: {
        tags,
        summary: 'One git server',
        params: IdParams,
        response: { 200: GitServer, 404: ApiError },
      },
    },
    async (request) => servers.get(request.params.id),
  );

  app.put(
    '/git/servers/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change a git server; an omitted token keeps the saved one',
        params: IdParams,
        body: GitServerUpdate,
        response: { 200: GitServer, 400: ApiError, 404: ApiError, 409: ApiError, 422: ApiError },
      },
    },
    async (request) => servers.update(request.params.id, request.body),
  );

  app.delete(
    '/git/servers/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Remove a git server',
        params: IdParams,
        response: { 200: Ok, 404: ApiError },
      },
    },
    async (request) => {
      await servers.remove(request.params.id);
      return { ok: true as const };
    },
  );
}
