// One JSON exchange with a provider API: TLS choice, timeout, and network failures named by host.
import { Agent, fetch } from 'undici';
import { DEFAULT_TIMEOUT_MS, type ProviderConnection } from './provider-connection.ts';
import { networkError } from './provider-error.ts';

interface ProviderRequest {
  method: 'GET' | 'POST';
  /** Appended to the connection's (normalized) apiUrl. */
  path: string;
  /** The provider's auth and content negotiation headers. */
  headers: Record<string, string>;
  body?: unknown;
}

export interface ProviderResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined when the body was not JSON (an HTML page, an empty body). */
  json: unknown;
}

export const isOk = (response: ProviderResponse): boolean => response.status >= 200 && response.status < 300;

export async function providerRequest(
  connection: ProviderConnection,
  request: ProviderRequest,
): Promise<ProviderResponse> {
  const url = `${connection.apiUrl}${request.path}`;
  const timeoutMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // One agent per request: calls are rare (a check, a create, a pull request) and each connection may choose
  // its own TLS verification.
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
        // GitHub refuses requests without a User-Agent; the others do not mind one.
        'User-Agent': 'superset-git',
        ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...request.headers,
      },
      body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
      // A redirect usually means a wrong URL (the web UI, http→https); following it could send the token elsewhere.
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
    return { status: response.status, headers: response.headers as unknown as Headers, json };
  } catch (error) {
    throw networkError(error, url, timeoutMs);
  } finally {
    await dispatcher.close();
  }
}

function words(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(words).filter(Boolean).join('; ');
  // GitLab's validation errors: {"name": ["has already been taken"], "path": [...]}.
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([field, said]) => `${field} ${words(said)}`)
      .join('; ');
  }
  return '';
}

/**
 * The provider's own error text: `message` (all three; GitLab may give an array or a per-field object),
 * `error_description` / `error` (OAuth-style), plus GitHub's `errors[].message` which holds the real reason
 * behind "Validation Failed".
 */
export function providerMessage(json: unknown): string {
  if (!json || typeof json !== 'object') return '';
  const body = json as Record<string, unknown>;
  const main = words(body.message ?? body.error_description ?? body.error);
  const details = Array.isArray(body.errors)
    ? body.errors
        .map((item) => {
          if (typeof item === 'string') return item;
          const entry = (item ?? {}) as Record<string, unknown>;
          if (typeof entry.message === 'string') return entry.message;
          return [entry.field, entry.code].filter((part) => typeof part === 'string').join(' ');
        })
        .filter((text) => text && !main.includes(text))
    : [];
  if (!details.length) return main;
  const reasons = details.join('; ');
  return main ? `${main.replace(/\.$/, '')}: ${reasons}` : reasons;
}
