// One JSON exchange with a provider API: TLS choice, timeout, and network failures named by host.
import { Agent, fetch } from 'undici';
import { ProviderError } from './provider-error.ts';

export type ProviderKind = 'github' | 'gitlab' | 'gitea';

export interface ProviderConnection {
  provider: ProviderKind;
  /** Base URL: see providers.ts for what each provider expects. */
  apiUrl: string;
  token: string;
  verifyTls?: boolean;
  timeoutMs?: number;
}

export interface ProviderResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined when the body was not JSON (an HTML page, an empty body). */
  json: unknown;
}

export const PROVIDER_NAME: Record<ProviderKind, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  gitea: 'Gitea',
};

const TLS = /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/i;

function causeCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errors = (current as { errors?: unknown[] }).errors;
    current = (current as { cause?: unknown }).cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return (error as Error)?.message ?? 'unknown error';
}

export async function providerRequest(
  connection: ProviderConnection,
  request: { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: unknown },
): Promise<ProviderResponse> {
  const base = connection.apiUrl.replace(/\/+$/, '');
  const url = `${base}${request.path}`;
  const host = new URL(url).host;
  const timeoutMs = connection.timeoutMs ?? 15_000;
  const dispatcher = new Agent({
    connect: { rejectUnauthorized: connection.verifyTls ?? true, timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  try {
    const response = await fetch(url, {
      method: request.method,
      headers: {
        Accept: 'application/json',
        'User-Agent': 'superset-git',
        ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...request.headers,
      },
      body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
      redirect: 'manual',
      dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new ProviderError('PROVIDER_TIMEOUT', `${host} did not answer within ${timeoutMs / 1000} s.`, {
        cause: error,
      });
    }
    const code = causeCode(error);
    if (TLS.test(code)) {
      throw new ProviderError(
        'PROVIDER_TLS',
        `The TLS certificate of ${host} is not trusted (${code}); install its CA, or turn off certificate checks for this server.`,
        { cause: error },
      );
    }
    const reason =
      code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' ? 'no such host' : code;
    throw new ProviderError('PROVIDER_UNREACHABLE', `Cannot reach ${host}: ${reason}.`, { cause: error });
  } finally {
    await dispatcher.close();
  }
}

/** The provider's own error text: `message` (GitHub, GitLab, Gitea) or `error` / `error_description`. */
export function providerMessage(json: unknown): string {
  if (!json || typeof json !== 'object') return '';
  const body = json as Record<string, unknown>;
  const message = body.message ?? body.error_description ?? body.error;
  if (typeof message === 'string') return message;
  if (message && typeof message === 'object') return JSON.stringify(message);
  return '';
}
