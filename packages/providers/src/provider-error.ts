// The failures a provider API (GitHub, GitLab, Gitea) can answer with, each with a message a person can act on.
import type { ErrorCode } from '@superset-git/contracts';

export type ProviderErrorCode = Extract<ErrorCode, `PROVIDER_${string}`>;

export class ProviderError extends Error {
  readonly code: ProviderErrorCode;
  /** HTTP status the provider answered with, when it answered. */
  readonly status: number | null;
  /** The scope the token lacks, when the provider said which. */
  readonly missingScope: string | null;

  constructor(
    code: ProviderErrorCode,
    message: string,
    options: { status?: number | null; missingScope?: string | null; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ProviderError';
    this.code = code;
    this.status = options.status ?? null;
    this.missingScope = options.missingScope ?? null;
  }
}
