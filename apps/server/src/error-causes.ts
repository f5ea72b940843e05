// An error and the errors it was caused by (`cause`), nearest first: how a driver's or git's error is recognised
// under the errors that wrap it (drizzle's DrizzleQueryError, a task's own), and what any thrown value says.

/** The error, then its cause, then that one's, up to `depth` of them. */
export function* causesOf(error: unknown, depth: number): Generator<{ code?: unknown; message?: unknown }> {
  let current = error;
  for (let seen = 0; current && seen < depth; seen += 1) {
    yield current as { code?: unknown; message?: unknown };
    current = (current as { cause?: unknown }).cause;
  }
}

/** What an error says, for a log line or a message: its message, or the thrown value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
