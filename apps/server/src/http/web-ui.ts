// Serves the built SvelteKit UI on the API's port; unknown non-API paths get index.html (client routing).
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { ApiError } from '@superset-git/contracts';

export async function registerWebUi(app: FastifyInstance, webDir: string): Promise<void> {
  const hasUi = fs.existsSync(path.join(webDir, 'index.html'));
  if (hasUi) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (pathname.startsWith('/api/') || pathname === '/api' || request.method !== 'GET') {
      const body: ApiError = {
        error: { code: 'NOT_FOUND', message: `No route ${request.method} ${pathname}.` },
      };
      return reply.code(404).send(body);
    }
    if (!hasUi) {
      return reply
        .code(404)
        .type('text/plain')
        .send('The web UI is not built. Run `npm run build:web`, then restart.');
    }
    return reply.type('text/html').header('Cache-Control', 'no-cache').sendFile('index.html');
  });
}
