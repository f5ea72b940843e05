// The failures a provider API (GitHub, GitLab, Gitea) can answer with, each with a message a person can act on.
import { networkFailure, type ErrorCode } from '@superset-git/contracts';

type ProviderErrorCode = Extract<ErrorCode, `PROVIDER_${string}`>;

export class ProviderError extends Error {
  readonly code: ProviderErrorCode;
  /** HTTP status the provider answered with, when it answered. */
  readonly status: number | null;
  /** The scope (or fine-grained permission) the token lacks, when it is known. */
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

const CODES = {
  timeout: 'PROVIDER_TIMEOUT',
  tls: 'PROVIDER_TLS',
  unreachable: 'PROVIDER_UNREACHABLE',
} as const;

/** Turns a failure without an HTTP answer into a ProviderError naming the host. */
export function networkError(error: unknown, url: string, timeoutMs: number): ProviderError {
  const failure = networkFailure(error, {
    url,
    timeoutMs,
    tlsAdvice: 'install the CA that signed it, or turn off certificate checks for this server',
  });
  return new ProviderError(CODES[failure.kind], failure.message, { cause: error });
}
