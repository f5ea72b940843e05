// Recognises the database's refusals by what they mean, on SQLite and PostgreSQL alike. On SQLite a foreign key
// that an ON DELETE RESTRICT enforces fails as SQLITE_CONSTRAINT_TRIGGER, a deferred or NO ACTION one as
// SQLITE_CONSTRAINT_FOREIGNKEY, with the same message; on PostgreSQL both are SQLSTATE 23503. drizzle may wrap
// the driver's error in its own, with the driver's as the cause.
import { DrizzleQueryError } from 'drizzle-orm';
import { causesOf } from '../error-causes.ts';

const SQLITE_FOREIGN_KEY_CODES = new Set(['SQLITE_CONSTRAINT_FOREIGNKEY', 'SQLITE_CONSTRAINT_TRIGGER']);
const POSTGRES_FOREIGN_KEY_VIOLATION = '23503';

/** A write refused because rows elsewhere still point at the row. */
export function isForeignKeyViolation(error: unknown): boolean {
  for (const { code, message } of causesOf(error, 4)) {
    if (code === POSTGRES_FOREIGN_KEY_VIOLATION) return true;
    if (
      typeof code === 'string' &&
      SQLITE_FOREIGN_KEY_CODES.has(code) &&
      typeof message === 'string' &&
      message.includes('FOREIGN KEY constraint failed')
    )
      return true;
  }
  return false;
}

/** Codes of a database that went away or cannot take connections (the network's, and PostgreSQL's SQLSTATEs). */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08006', // connection_failure
  '53300', // too_many_connections
]);
const UNAVAILABLE_MESSAGES = [/Connection terminated/i, /timeout exceeded when trying to connect/i];

/**
 * The database does not answer, as opposed to refusing one statement: the request can be tried again later. Only a
 * query's own failure counts (drizzle's DrizzleQueryError around the driver's): a Superset or git server that does
 * not answer fails with the same network codes and is not the database.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailableReason(error) !== null;
}

/** Why the database did not answer (the driver's words, never the failed statement or its values); null if it did. */
export function unavailableReason(error: unknown): string | null {
  for (const current of causesOf(error, 4))
    if (current instanceof DrizzleQueryError)
      return isConnectionFailure(current.cause)
        ? String((current.cause as { message?: unknown }).message ?? 'no answer')
        : null;
  return null;
}

function isConnectionFailure(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}
