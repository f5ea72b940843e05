// Authenticates every /api request (session cookie or Bearer token), checks CSRF and the route's role.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.ts';
import { allows } from './access.ts';
import type { AuthContext, AuthService } from './auth.service.ts';
import { safeEqual } from './tokens.ts';

export const SESSION_COOKIE = 'sg_session';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function authenticate(request: FastifyRequest, auth: AuthService): Promise<AuthContext | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const context = match?.[1] ? await auth.byApiToken(match[1]) : null;
    if (!context) throw new AppError('UNAUTHORIZED', 'The API token is invalid, revoked or expired.');
    return context;
  }
  const sessionId = request.cookies[SESSION_COOKIE];
  return sessionId ? await auth.bySession(sessionId) : null;
}

/** `publicPrefixes`: paths served by third-party plugins (API docs) that carry no access config. */
export function registerAuthHook(
  app: FastifyInstance,
  auth: AuthService,
  publicPrefixes: readonly string[],
): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || publicPrefixes.some((prefix) => request.url.startsWith(prefix)))
      return;
    const access = request.routeOptions.config?.access ?? 'viewer';
    if (access === 'public') {
      // Public routes still learn who is calling, but never fail on a stale cookie.
      try {
        request.auth = await authenticate(request, auth);
      } catch {
        request.auth = null;
      }
      return;
    }
    request.auth = await authenticate(request, auth);
    if (!request.auth) throw new AppError('UNAUTHORIZED', 'Log in first (or send an API token as Bearer).');
    if (request.auth.via === 'session' && MUTATING.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.auth.csrfToken || !safeEqual(sent, request.auth.csrfToken)) {
        throw new AppError('CSRF', 'Missing or wrong x-csrf-token header; reload the page and try again.');
      }
    }
    if (!allows(request.auth.user.role, access)) {
      throw new AppError('FORBIDDEN', `This needs the ${access} role; you are ${request.auth.user.role}.`);
    }
  });
}

/** The caller of a route that is not public (the hook guarantees it). */
export function caller(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError('UNAUTHORIZED', 'Log in first.');
  return request.auth;
}
