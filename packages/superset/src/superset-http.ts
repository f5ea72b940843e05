// One HTTP exchange with Superset: timeout, TLS choice, cookies, retries on 502/503/504, and error mapping.
import { Agent, fetch, FormData, type Dispatcher } from 'undici';
import { CookieJar } from './cookie-jar.ts';
import { networkError, SupersetError } from './superset-error.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpOptions {
  timeoutMs: number;
  /** Extra attempts after a 502/503/504 answer. */
  retries: number;
  retryDelayMs: number;
  verifyTls: boolean;
}

export interface HttpRequest {
  method: HttpMethod;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  json?: unknown;
  form?: FormData;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

const RETRY_STATUSES = new Set([502, 503, 504]);

/**
 * Requests one client has in flight to its Superset at once; more wait their turn here, before their timeout
 * starts. Under 50 clients an unbounded burst made Superset's threads answer some request after 15 s.
 */
const MAX_IN_FLIGHT = 8;

export class SupersetHttp {
  readonly baseUrl: string;
  readonly cookies = new CookieJar();
  private readonly dispatcher: Dispatcher;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    baseUrl: string,
    readonly options: HttpOptions,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.dispatcher = new Agent({
      connect: { rejectUnauthorized: options.verifyTls, timeout: options.timeoutMs },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  url(path: string, query?: Record<string, string>): string {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
    return url.toString();
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const url = this.url(request.path, request.query);
    for (let attempt = 0; ; attempt += 1) {
      const response = await this.sendOnce(url, request);
      if (!RETRY_STATUSES.has(response.status) || attempt >= this.options.retries) return response;
      await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs * 2 ** attempt));
    }
  }

  private async sendOnce(url: string, request: HttpRequest): Promise<HttpResponse> {
    // A request that waited is handed the slot of the one that ends, so the count never overshoots.
    if (this.inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.inFlight += 1;
    try {
      return await this.exchange(url, request);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.inFlight -= 1;
    }
  }

  private async exchange(url: string, request: HttpRequest): Promise<HttpResponse> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      // Superset checks the Referer on HTTPS for CSRF-protected calls.
      Referer: `${this.baseUrl}/`,
      ...request.headers,
    };
    const cookie = this.cookies.header();
    if (cookie) headers.Cookie = cookie;
    let body: string | FormData | undefined;
    if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      body = request.form;
    }
    try {
      const response = await fetch(url, {
        method: request.method,
        headers,
        body,
        redirect: 'manual',
        dispatcher: this.dispatcher,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      this.cookies.store(response.headers.getSetCookie());
      const buffer = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, headers: response.headers as unknown as Headers, body: buffer };
    } catch (error) {
      throw networkError(error, url, this.options.timeoutMs);
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

export function isJson(response: HttpResponse): boolean {
  return /\bjson\b/i.test(response.headers.get('content-type') ?? '');
}

export function parseJson(response: HttpResponse): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(response.body));
  } catch (cause) {
    throw new SupersetError('SUPERSET_NOT_SUPERSET', 'Superset answered with JSON that cannot be read.', {
      status: response.status,
      cause,
    });
  }
}

export { FormData };
