// What a command ends with: its exit code and, for a failure, the message a person reads on stderr.

export const EXIT = { ok: 0, failed: 1, usage: 2, planErrors: 3, auth: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.failed,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** Any error as the CLI reports it: Superset's refusals of credentials are auth failures (exit 4). */
export function asCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  // Superset's errors by their code (not their class, so this module stays light for a fast start).
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof code === 'string' && code.startsWith('SUPERSET_')) {
    const auth = code === 'SUPERSET_AUTH' || code === 'SUPERSET_PERMISSION';
    return new CliError(error.message, auth ? EXIT.auth : EXIT.failed);
  }
  return new CliError(error instanceof Error ? error.message : String(error));
}
