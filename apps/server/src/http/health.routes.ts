// /api/health: answers without login so probes and the demo can wait for the server.
import { Health } from '@superset-git/contracts';
import type { ZodApp } from './zod-app.ts';

export function healthRoutes(app: ZodApp, deps: { version: string }): void {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], summary: 'Liveness', response: { 200: Health } },
    },
    async () => ({ status: 'ok' as const, version: deps.version }),
  );
}
