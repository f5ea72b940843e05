// /api/auth: log in, log out, and who am I.
import { ApiError, LoginRequest, Me, Ok, Session } from '@superset-git/contracts';
import type { ZodApp } from '../http/zod-app.ts';
import type { AuthService } from './auth.service.ts';
import { caller, SESSION_COOKIE } from './auth.hook.ts';

export function authRoutes(
  app: ZodApp,
  deps: { auth: AuthService; sessionTtlMs: number; loginRateLimit: number },
): void {
  const { auth } = deps;

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: deps.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Log in; sets an httpOnly session cookie',
        body: LoginRequest,
        response: { 200: Session, 401: ApiError, 429: ApiError },
      },
    },
    async (request, reply) => {
      const { user, sessionId, csrfToken } = await auth.login(request.body.username, request.body.password);
      reply.setCookie(SESSION_COOKIE, sessionId, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: request.protocol === 'https',
        maxAge: Math.floor(deps.sessionTtlMs / 1000),
      });
      return { user, csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'End this session', response: { 200: Ok } } },
    async (request, reply) => {
      const context = caller(request);
      if (context.sessionIdHash) await auth.logout(context.sessionIdHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'The logged-in user', response: { 200: Me, 401: ApiError } } },
    async (request) => {
      const context = caller(request);
      return { user: context.user, csrfToken: context.csrfToken, via: context.via };
    },
  );
}
