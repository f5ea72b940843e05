// The failures a provider API (GitHub, GitLab, Gitea) can answer with, each with a message a person can act on.
import type { ErrorCode } from '@superset-git/contracts';

export type ProviderErrorCode = Extract<ErrorCode, `PROVIDER_${string}`>;

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

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

const UNREACHABLE_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved right now (DNS)',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
};

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

/**
 * Turns a failure without an HTTP answer into a ProviderError naming the host. The cause's own message is never
 * copied: some (invalid header values) quote what was sent, and that includes the token.
 */
export function networkError(error: unknown, url: string, timeoutMs: number): ProviderError {
  const host = new URL(url).host;
  const name = (error as { name?: unknown })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ProviderError('PROVIDER_TIMEOUT', `${host} did not answer within ${timeoutMs / 1000} s.`, {
      cause: error,
    });
  }
  const code = causeCode(error) ?? '';
  if (TIMEOUT_CODES.has(code)) {
    return new ProviderError('PROVIDER_TIMEOUT', `${host} did not answer in time (${code}).`, {
      cause: error,
    });
  }
  if (TLS_CODES.has(code) || /^ERR_TLS_|^ERR_SSL_/.test(code)) {
    const hint =
      code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO'
        ? 'the server does not speak HTTPS on that port (try http://)'
        : `its certificate is not trusted (${code}); install the CA that signed it, or turn off certificate checks for this server`;
    return new ProviderError('PROVIDER_TLS', `TLS connection to ${host} failed: ${hint}.`, { cause: error });
  }
  if (/bad port/i.test(String((error as { cause?: unknown })?.cause ?? ''))) {
    return new ProviderError(
      'PROVIDER_UNREACHABLE',
      `Cannot reach ${host}: that port is blocked for HTTP clients (fetch's list of unsafe ports).`,
      { cause: error },
    );
  }
  const reason =
    UNREACHABLE_REASONS[code] ?? (code ? `the connection failed (${code})` : 'the connection failed');
  return new ProviderError('PROVIDER_UNREACHABLE', `Cannot reach ${host}: ${reason}.`, { cause: error });
}
