// The one error shape every API failure uses, and the closed set of error codes behind it.
import { z } from 'zod';

export const ErrorCode = z.enum([
  'VALIDATION',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CSRF',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'SUPERSET_UNREACHABLE',
  'SUPERSET_TLS',
  'SUPERSET_TIMEOUT',
  'SUPERSET_NOT_SUPERSET',
  'SUPERSET_AUTH',
  'SUPERSET_CSRF',
  'SUPERSET_PERMISSION',
  'SUPERSET_ERROR',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      /** Field or file level details, e.g. `{ "name": "already exists" }`. */
      details: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof ApiError>;
