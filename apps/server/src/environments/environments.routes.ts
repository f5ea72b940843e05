// /api/environments: the Superset instances superset-git syncs from and deploys into.
import {
  ApiError,
  Environment,
  EnvironmentCreate,
  EnvironmentList,
  EnvironmentUpdate,
  IdParams,
  Ok,
} from '@superset-git/contracts';
import type { ZodApp } from '../http/zod-app.ts';
import type { EnvironmentsService } from './environments.service.ts';

const tags = ['environments'];

export function environmentsRoutes(app: ZodApp, environments: EnvironmentsService): void {
  app.get(
    '/api/environments',
    { schema: { tags, summary: 'All environments', response: { 200: EnvironmentList } } },
    async () => ({ items: await environments.list() }),
  );

  app.post(
    '/api/environments',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Add an environment; its connection is tested first unless skipConnectionTest',
        body: EnvironmentCreate,
        response: { 201: Environment, 400: ApiError, 409: ApiError, 422: ApiError },
      },
    },
    async (request, reply) => reply.code(201).send(await environments.create(request.body)),
  );

  app.get(
    '/api/environments/:id',
    {
      schema: {
        tags,
        summary: 'One environment',
        params: IdParams,
        response: { 200: Environment, 404: ApiError },
      },
    },
    async (request) => environments.get(request.params.id),
  );

  app.put(
    '/api/environments/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change an environment; an omitted password keeps the saved one',
        params: IdParams,
        body: EnvironmentUpdate,
        response: { 200: Environment, 400: ApiError, 404: ApiError, 409: ApiError, 422: ApiError },
      },
    },
    async (request) => environments.update(request.params.id, request.body),
  );

  app.delete(
    '/api/environments/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Remove an environment (refused while dashboards are connected to git through it)',
        params: IdParams,
        response: { 200: Ok, 404: ApiError, 409: ApiError },
      },
    },
    async (request) => {
      await environments.remove(request.params.id);
      return { ok: true as const };
    },
  );
}
