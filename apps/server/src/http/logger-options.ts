// The server's log: pino at the configured level, with credentials cut out of request headers and bodies by
// path, and every known secret (tokens, passwords) redacted from every message.
import type { FastifyServerOptions } from 'fastify';
import type { Redactor } from '../secrets/redactor.ts';

export function loggerOptions(
  level: string,
  redactor: Redactor,
  stream?: NodeJS.WritableStream,
): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        '*.password',
        '*.token',
      ],
      censor: '••••',
    },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? redactor.redact(arg) : arg)) as Parameters<
            typeof method
          >,
        );
      },
    },
  };
}
