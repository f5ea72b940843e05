// The failures a Superset instance can answer with, each with a message a person can act on.
import type { ErrorCode } from '@superset-git/contracts';

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

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    // A refused connection to a host with several addresses arrives as an AggregateError.
    const errors = (current as { errors?: unknown[] }).errors;
    current = (current as { cause?: unknown }).cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return undefined;
}

/** Turns a network-level failure (no HTTP answer) into a SupersetError naming the host. */
export function networkError(error: unknown, url: string, timeoutMs: number): SupersetError {
  const host = new URL(url).host;
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new SupersetError(
      'SUPERSET_TIMEOUT',
      `Superset at ${host} did not answer within ${timeoutMs / 1000} s.`,
      {
        cause: error,
      },
    );
  }
  if (/bad port/i.test(String((error as Error).cause ?? ''))) {
    return new SupersetError(
      'SUPERSET_UNREACHABLE',
      `Cannot reach Superset at ${host}: that port is blocked for HTTP clients (fetch's list of unsafe ports); use Superset's real port.`,
      { cause: error },
    );
  }
  const code = causeCode(error) ?? '';
  if (TLS_CODES.has(code) || /certificate|ssl|tls/i.test(String((error as Error).cause ?? ''))) {
    const hint =
      code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO'
        ? 'the server does not speak HTTPS on that port (try http://)'
        : `the certificate was rejected (${code || 'TLS error'}); fix the certificate or turn off "Verify TLS" for this environment`;
    return new SupersetError('SUPERSET_TLS', `TLS connection to ${host} failed: ${hint}.`, { cause: error });
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new SupersetError('SUPERSET_TIMEOUT', `Superset at ${host} did not answer in time (${code}).`, {
      cause: error,
    });
  }
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'nothing is listening on that port',
    ENOTFOUND: 'the host name does not resolve',
    EAI_AGAIN: 'the host name could not be resolved right now',
    ECONNRESET: 'the connection was reset',
    EHOSTUNREACH: 'the host is unreachable',
    ENETUNREACH: 'the network is unreachable',
    UND_ERR_SOCKET: 'the connection closed unexpectedly',
  };
  const reason = reasons[code] ?? (code ? code : 'the connection failed');
  return new SupersetError('SUPERSET_UNREACHABLE', `Cannot reach Superset at ${host}: ${reason}.`, {
    cause: error,
  });
}
