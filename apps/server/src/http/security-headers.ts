// Headers that keep browsers from framing, sniffing or leaking: on every answer, UI and API alike.
import type { FastifyInstance } from 'fastify';

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    if (!reply.hasHeader('Content-Security-Policy'))
      reply.header('Content-Security-Policy', "frame-ancestors 'none'");
  });
}
