// Who may call a route: declared per route as `config: { access }`, enforced by the auth hook.
import type { Role } from '@superset-git/contracts';
import type { AuthContext } from './auth.service.ts';

/** `public` needs no login; a role means "this role or a stronger one". */
export type Access = 'public' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

export function allows(role: Role, access: Role): boolean {
  return RANK[role] >= RANK[access];
}
