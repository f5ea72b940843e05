// /api/users: the admin manages who may use superset-git.
import { ApiError, User, UserCreate, UserList } from '@superset-git/contracts';
import type { ZodApp } from '../http/zod-app.ts';
import type { UsersService } from './users.service.ts';

export function usersRoutes(app: ZodApp, deps: { users: UsersService }): void {
  app.get(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'All users',
        response: { 200: UserList },
      },
    },
    async () => ({ items: await deps.users.list() }),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Create a user',
        body: UserCreate,
        response: { 201: User, 400: ApiError, 409: ApiError },
      },
    },
    async (request, reply) => reply.code(201).send(await deps.users.create(request.body)),
  );
}
