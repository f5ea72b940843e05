// What a command ends with: its exit code and, for a failure, the message a person reads on stderr.
import { SupersetError } from '@superset-git/superset';

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
  if (error instanceof SupersetError) {
    const auth = error.code === 'SUPERSET_AUTH' || error.code === 'SUPERSET_PERMISSION';
    return new CliError(error.message, auth ? EXIT.auth : EXIT.failed);
  }
  return new CliError(error instanceof Error ? error.message : String(error));
}
