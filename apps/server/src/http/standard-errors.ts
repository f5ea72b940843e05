// The error answers every API route can give because of what the host does around its handler (input
// validation, login, role and CSRF checks), added to each route's declared responses in one place so the
// OpenAPI document lists them and no client (or fuzzer) meets a status the route never declared.
import type { FastifyInstance, RouteOptions } from 'fastify';
import { ApiError } from '@superset-git/contracts';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The statuses the host itself may answer a route with, before or around its handler. */
function hostStatuses(route: RouteOptions): number[] {
  const writes = [route.method].flat().some((method) => BODY_METHODS.has(method));
  const access = route.config?.access ?? 'viewer';
  const statuses: number[] = [];
  // Invalid params, query or body; Fastify's own refusals of a body (malformed or empty JSON) answer 400 too.
  if (writes || route.schema?.params || route.schema?.querystring || route.schema?.body) statuses.push(400);
  if (access !== 'public') {
    statuses.push(401);
    // A weaker role than the route's, or a session's write without its CSRF header.
    if (access !== 'viewer' || writes) statuses.push(403);
  }
  // A body past the server's body limit (10 MB), refused by Fastify before validation.
  if (route.schema?.body) statuses.push(413);
  // A write to the database or a repository on a full disk.
  if (writes) statuses.push(507);
  return statuses;
}

export function registerStandardErrors(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    // Only documented API routes with declared responses: the web UI and the docs pages are not the API.
    if (!route.url.startsWith('/api/') || !route.schema?.response || route.schema.hide) return;
    const response = { ...(route.schema.response as Record<string, unknown>) };
    for (const status of hostStatuses(route)) response[status] ??= ApiError;
    route.schema = { ...route.schema, response };
  });
}
