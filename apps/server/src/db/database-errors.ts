// Recognises the database's refusals by what they mean, on SQLite and PostgreSQL alike. On SQLite a foreign key
// that an ON DELETE RESTRICT enforces fails as SQLITE_CONSTRAINT_TRIGGER, a deferred or NO ACTION one as
// SQLITE_CONSTRAINT_FOREIGNKEY, with the same message; on PostgreSQL both are SQLSTATE 23503. drizzle may wrap
// the driver's error in its own, with the driver's as the cause.
const SQLITE_FOREIGN_KEY_CODES = new Set(['SQLITE_CONSTRAINT_FOREIGNKEY', 'SQLITE_CONSTRAINT_TRIGGER']);
const POSTGRES_FOREIGN_KEY_VIOLATION = '23503';

/** A write refused because rows elsewhere still point at the row. */
export function isForeignKeyViolation(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (code === POSTGRES_FOREIGN_KEY_VIOLATION) return true;
    if (
      typeof code === 'string' &&
      SQLITE_FOREIGN_KEY_CODES.has(code) &&
      typeof message === 'string' &&
      message.includes('FOREIGN KEY constraint failed')
    )
      return true;
    current = cause;
  }
  return false;
}
