// Recognises SQLite's refusals by what they mean, not by one driver code: a foreign key that an ON DELETE
// RESTRICT enforces fails as SQLITE_CONSTRAINT_TRIGGER, a deferred or NO ACTION one as
// SQLITE_CONSTRAINT_FOREIGNKEY, with the same message.
const FOREIGN_KEY_CODES = new Set(['SQLITE_CONSTRAINT_FOREIGNKEY', 'SQLITE_CONSTRAINT_TRIGGER']);

/** A write refused because rows elsewhere still point at the row. */
export function isForeignKeyViolation(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    typeof code === 'string' &&
    FOREIGN_KEY_CODES.has(code) &&
    typeof message === 'string' &&
    message.includes('FOREIGN KEY constraint failed')
  );
}
