// The Fastify instance type every route file registers on (zod schemas as the type provider).
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApiError } from '@superset-git/contracts';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * The refusals a use case on a dashboard's repository can answer (bad input, not connected, a conflicting state,
 * a git refusal, git itself unavailable), declared so they appear in the OpenAPI document; the host adds
 * 400/401/403/507 itself.
 */
export const USE_CASE_ERRORS = {
  400: ApiError,
  404: ApiError,
  409: ApiError,
  422: ApiError,
  503: ApiError,
} as const;
