// Why an HTTP request got no answer at all, read from what fetch (undici) threw: one reading, and one wording,
// for every client superset-git has (Superset, the git hosting providers).

interface NetworkFailure {
  kind: 'timeout' | 'tls' | 'unreachable';
  /** Names the host and the reason; never the cause's own message, which may quote headers sent (a token). */
  message: string;
}

interface NetworkFailureContext {
  url: string;
  /** What answers at the URL, e.g. "Superset", for "Superset at host"; the host alone when absent. */
  service?: string;
  timeoutMs: number;
  /** What a person can do about a certificate the client refused, in the terms of the form they filled in. */
  tlsAdvice: string;
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
  ECONNREFUSED: 'nothing is listening on that port',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved right now (DNS)',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
};

/** The system or undici code somewhere down the cause chain. */
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

export function networkFailure(error: unknown, context: NetworkFailureContext): NetworkFailure {
  const host = new URL(context.url).host;
  const where = context.service ? `${context.service} at ${host}` : host;
  const name = (error as { name?: unknown } | null)?.name;
  // The cause is read, never quoted: only whether it names a blocked port or a certificate.
  const cause = String((error as { cause?: unknown } | null)?.cause ?? '');
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { kind: 'timeout', message: `${where} did not answer within ${context.timeoutMs / 1000} s.` };
  }
  if (/bad port/i.test(cause)) {
    return {
      kind: 'unreachable',
      message: `Cannot reach ${where}: that port is blocked for HTTP clients (fetch's list of unsafe ports); give the port it really listens on.`,
    };
  }
  const code = causeCode(error) ?? '';
  if (TIMEOUT_CODES.has(code)) {
    return { kind: 'timeout', message: `${where} did not answer in time (${code}).` };
  }
  if (TLS_CODES.has(code) || /^ERR_TLS_|^ERR_SSL_/.test(code) || /certificate|ssl|tls/i.test(cause)) {
    const hint =
      code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO'
        ? 'the server does not speak HTTPS on that port (try http://)'
        : `the certificate was rejected (${code || 'TLS error'}); ${context.tlsAdvice}`;
    return { kind: 'tls', message: `TLS connection to ${host} failed: ${hint}.` };
  }
  const reason =
    UNREACHABLE_REASONS[code] ?? (code ? `the connection failed (${code})` : 'the connection failed');
  return { kind: 'unreachable', message: `Cannot reach ${where}: ${reason}.` };
}
