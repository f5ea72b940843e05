// How a PostgreSQL URL is named in messages and logs: never with its password.

/** The URL with its password hidden, to name the database in messages and logs. */
export function redactedDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(a URL that cannot be read)';
  }
}
