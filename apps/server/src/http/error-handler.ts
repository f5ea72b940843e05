// Maps every thrown error to the one ApiError shape, in one place.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { GitError } from '@superset-git/git';
import { ProviderError } from '@superset-git/providers';
import { BundleError, SupersetError } from '@superset-git/superset';
import type { ApiError } from '@superset-git/contracts';
import { isDatabaseUnavailable } from '../db/database-errors.ts';
import { DISK_FULL_MESSAGE, isDiskFull } from '../disk-full.ts';
import { AppError, statusOf } from './app-error.ts';

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const send = (status: number, body: ApiError) => reply.code(status).send(body);
    if (isDiskFull(error)) {
      request.log.error({ err: error }, 'the disk is full');
      return send(statusOf('DISK_FULL'), { error: { code: 'DISK_FULL', message: DISK_FULL_MESSAGE } });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'the database does not answer');
      return send(statusOf('DATABASE_UNAVAILABLE'), {
        error: {
          code: 'DATABASE_UNAVAILABLE',
          message:
            'The database does not answer. Try again in a moment; if it lasts, check that PostgreSQL is running.',
        },
      });
    }
    if (error instanceof AppError) {
      return send(error.status, {
        error: { code: error.code, message: error.message, details: error.details },
      });
    }
    if (error instanceof SupersetError || error instanceof GitError) {
      return send(statusOf(error.code), {
        error: { code: error.code, message: error.message, details: error.details },
      });
    }
    if (error instanceof BundleError) {
      const details = error.file ? { [error.file]: error.message } : undefined;
      return send(statusOf('BUNDLE_INVALID'), {
        error: { code: 'BUNDLE_INVALID', message: error.message, details },
      });
    }
    if (error instanceof ProviderError) {
      const details = error.missingScope ? { scope: `missing '${error.missingScope}'` } : undefined;
      return send(statusOf(error.code), { error: { code: error.code, message: error.message, details } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details: Record<string, string> = {};
      for (const issue of error.validation) {
        const zodPath = (issue.params as { issue?: { path?: PropertyKey[] } }).issue?.path;
        const field =
          issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || zodPath?.map(String).join('.') || '_';
        details[field] ??= issue.message ?? 'invalid';
      }
      const fields = Object.keys(details).filter((key) => key !== '_');
      const message = fields.length
        ? `Check ${fields.join(', ')}: ${Object.values(details)[0]}`
        : `Invalid request: ${Object.values(details)[0] ?? 'bad input'}`;
      return send(400, { error: { code: 'VALIDATION', message, details } });
    }
    if (error.statusCode === 429) {
      return send(429, {
        error: { code: 'RATE_LIMITED', message: error.message || 'Too many requests; wait a minute.' },
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return send(500, {
        error: { code: 'INTERNAL', message: 'The server produced an invalid answer; this is a bug.' },
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own 4xx: bad JSON, wrong content type, body too large.
      return send(error.statusCode, { error: { code: 'VALIDATION', message: error.message } });
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(500, { error: { code: 'INTERNAL', message: 'Unexpected server error; it was logged.' } });
  });
}
