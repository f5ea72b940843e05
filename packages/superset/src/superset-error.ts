// The failures a Superset instance can answer with, each with a message a person can act on.
import { networkFailure, type ErrorCode } from '@superset-git/contracts';

export type SupersetErrorCode = Extract<ErrorCode, `SUPERSET_${string}`>;

export class SupersetError extends Error {
  readonly code: SupersetErrorCode;
  /** HTTP status Superset answered with, when it answered at all. */
  readonly status: number | null;
  /** Per-file or per-field messages Superset gave (e.g. import errors by bundle path). */
  readonly details: Record<string, string> | undefined;

  constructor(
    code: SupersetErrorCode,
    message: string,
    options: { status?: number | null; details?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'SupersetError';
    this.code = code;
    this.status = options.status ?? null;
    this.details = options.details;
  }
}

/** What `work` answers, or null when Superset says the object is not there (404). */
export async function nullWhenMissing<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof SupersetError && error.status === 404) return null;
    throw error;
  }
}

const CODES = {
  timeout: 'SUPERSET_TIMEOUT',
  tls: 'SUPERSET_TLS',
  unreachable: 'SUPERSET_UNREACHABLE',
} as const;

/** Turns a network-level failure (no HTTP answer) into a SupersetError naming the host. */
export function networkError(error: unknown, url: string, timeoutMs: number): SupersetError {
  const failure = networkFailure(error, {
    url,
    service: 'Superset',
    timeoutMs,
    tlsAdvice: 'fix the certificate or turn off "Verify TLS" for this environment',
  });
  return new SupersetError(CODES[failure.kind], failure.message, { cause: error });
}
