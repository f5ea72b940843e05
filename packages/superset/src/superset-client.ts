// A logged-in session with one Superset instance: JWT login and refresh, CSRF, and typed calls.
import { z } from 'zod';
import { SupersetError } from './superset-error.ts';
import {
  isJson,
  parseJson,
  SupersetHttp,
  type HttpMethod,
  type HttpOptions,
  type HttpResponse,
} from './superset-http.ts';
import { failure, jwtExpiry, redirectsToLogin } from './superset-response.ts';
import type { FormData } from 'undici';

export interface SupersetConnection {
  url: string;
  username: string;
  password: string;
  provider: 'db' | 'ldap';
  verifyTls: boolean;
}

export interface SupersetCall {
  method?: HttpMethod;
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  form?: FormData;
  /** Words for error messages: "Superset could not <action>". */
  action: string;
}

const DEFAULT_HTTP: Omit<HttpOptions, 'verifyTls'> = { timeoutMs: 15_000, retries: 2, retryDelayMs: 500 };
/** Renew the access token this long before it expires, so no call races its expiry. */
const REFRESH_MARGIN_S = 60;

const LoginAnswer = z.object({ access_token: z.string(), refresh_token: z.string().optional() });
const RefreshAnswer = z.object({ access_token: z.string() });
const CsrfAnswer = z.object({ result: z.string() });

/**
 * flask-jwt-extended answers a token it cannot decode (bad signature, padding, segments) with 422 and a body
 * of only `{"msg": …}`, not 401; Superset's own 422s carry `message` or `errors`.
 */
function rejectedToken(response: HttpResponse): boolean {
  if (response.status !== 422 || !isJson(response)) return false;
  try {
    const body = parseJson(response) as Record<string, unknown>;
    return typeof body.msg === 'string' && Object.keys(body).length === 1;
  } catch {
    return false;
  }
}

export class SupersetClient {
  readonly http: SupersetHttp;
  private accessToken: string | null = null;
  private accessExpiry: number | null = null;
  private refreshToken: string | null = null;
  private csrfToken: string | null = null;
  private gettingToken: Promise<void> | null = null;

  constructor(
    readonly connection: SupersetConnection,
    http: Partial<Omit<HttpOptions, 'verifyTls'>> = {},
  ) {
    this.http = new SupersetHttp(connection.url, {
      ...DEFAULT_HTTP,
      ...http,
      verifyTls: connection.verifyTls,
    });
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  /** Whether a login has succeeded (a 401 afterwards is not about the password). */
  get loggedIn(): boolean {
    return this.accessToken !== null;
  }

  async login(): Promise<void> {
    const response = await this.http.send({
      method: 'POST',
      path: '/api/v1/security/login',
      json: {
        username: this.connection.username,
        password: this.connection.password,
        provider: this.connection.provider,
        refresh: true,
      },
    });
    if (
      response.status === 404 ||
      (response.status < 500 && !isJson(response)) ||
      !answersLikeSuperset(response)
    ) {
      throw new SupersetError(
        'SUPERSET_NOT_SUPERSET',
        `${this.baseUrl} is not a Superset API: POST /api/v1/security/login answered HTTP ${response.status}${isJson(response) ? '' : ' with a non-JSON page'}. Check the URL.`,
        { status: response.status },
      );
    }
    if (response.status === 401) {
      throw new SupersetError(
        'SUPERSET_AUTH',
        `Wrong username or password for Superset user '${this.connection.username}' (auth provider '${this.connection.provider}').`,
        { status: 401 },
      );
    }
    if (response.status === 400) {
      const answer = failure(response, {
        action: 'log in',
        username: this.connection.username,
        mutating: false,
      });
      throw new SupersetError('SUPERSET_AUTH', answer.message, { status: 400 });
    }
    if (response.status !== 200) {
      throw failure(response, { action: 'log in', username: this.connection.username, mutating: false });
    }
    const answer = this.parse(response, LoginAnswer, 'log in');
    this.setAccessToken(answer.access_token);
    this.refreshToken = answer.refresh_token ?? null;
    this.csrfToken = null;
  }

  /** Calls Superset and returns its JSON answer checked against `schema`. */
  async json<T>(call: SupersetCall, schema: z.ZodType<T>): Promise<T> {
    const response = await this.call(call);
    return this.parse(response, schema, call.action);
  }

  /** Calls Superset and returns the raw bytes (e.g. an export ZIP). */
  async bytes(call: SupersetCall): Promise<Uint8Array> {
    return (await this.call(call)).body;
  }

  /** Authenticated call; renews the token before expiry and once more on a 401, fetches CSRF for writes. */
  async call(call: SupersetCall): Promise<HttpResponse> {
    const method = call.method ?? 'GET';
    const mutating = method !== 'GET';
    let response = await this.sendAuthed(call, method, mutating);
    if (response.status === 401 || rejectedToken(response) || (redirectsToLogin(response) && !mutating)) {
      await this.renew();
      response = await this.sendAuthed(call, method, mutating);
    } else if (
      mutating &&
      (redirectsToLogin(response) || (response.status === 400 && this.looksLikeCsrf(response)))
    ) {
      // The CSRF token belongs to a session cookie that may have been rotated: get a fresh pair once.
      this.csrfToken = null;
      response = await this.sendAuthed(call, method, mutating);
    }
    if (response.status >= 200 && response.status < 300) return response;
    throw failure(response, { action: call.action, username: this.connection.username, mutating });
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private async sendAuthed(call: SupersetCall, method: HttpMethod, mutating: boolean): Promise<HttpResponse> {
    const token = await this.validAccessToken();
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (mutating) headers['X-CSRFToken'] = await this.csrf();
    return this.http.send({
      method,
      path: call.path,
      headers,
      ...(call.query ? { query: call.query } : {}),
      ...(call.json !== undefined ? { json: call.json } : {}),
      ...(call.form ? { form: call.form } : {}),
    });
  }

  private async validAccessToken(): Promise<string> {
    const now = Date.now() / 1000;
    if (this.accessToken && (this.accessExpiry === null || this.accessExpiry - REFRESH_MARGIN_S > now)) {
      return this.accessToken;
    }
    // Calls made at once share one login (or renewal): each would otherwise cost Superset a password check.
    this.gettingToken ??= (this.accessToken ? this.renew() : this.login()).finally(() => {
      this.gettingToken = null;
    });
    await this.gettingToken;
    return this.accessToken as unknown as string;
  }

  /** Gets a new access token with the refresh token, or logs in again when that fails. */
  private async renew(): Promise<void> {
    if (this.refreshToken) {
      const response = await this.http.send({
        method: 'POST',
        path: '/api/v1/security/refresh',
        headers: { Authorization: `Bearer ${this.refreshToken}` },
      });
      if (response.status === 200 && isJson(response)) {
        const parsed = RefreshAnswer.safeParse(parseJson(response));
        if (parsed.success) {
          this.setAccessToken(parsed.data.access_token);
          return;
        }
      }
    }
    await this.login();
  }

  private async csrf(): Promise<string> {
    if (this.csrfToken) return this.csrfToken;
    const response = await this.http.send({
      method: 'GET',
      path: '/api/v1/security/csrf_token/',
      headers: { Authorization: `Bearer ${await this.validAccessToken()}` },
    });
    if (response.status !== 200) {
      const error = failure(response, {
        action: 'hand out a CSRF token',
        username: this.connection.username,
        mutating: false,
      });
      throw new SupersetError(
        error.code === 'SUPERSET_PERMISSION' || error.code === 'SUPERSET_AUTH' ? 'SUPERSET_CSRF' : error.code,
        `Cannot get a CSRF token from Superset: ${error.message}`,
        { status: response.status },
      );
    }
    this.csrfToken = this.parse(response, CsrfAnswer, 'hand out a CSRF token').result;
    return this.csrfToken;
  }

  private setAccessToken(token: string): void {
    this.accessToken = token;
    this.accessExpiry = jwtExpiry(token);
  }

  private looksLikeCsrf(response: HttpResponse): boolean {
    return isJson(response) && /csrf/i.test(new TextDecoder().decode(response.body));
  }

  private parse<T>(response: HttpResponse, schema: z.ZodType<T>, action: string): T {
    if (!isJson(response)) {
      throw new SupersetError(
        'SUPERSET_NOT_SUPERSET',
        `Expected JSON from Superset while trying to ${action}, got ${response.headers.get('content-type') ?? 'no content type'}. Check the URL.`,
        { status: response.status },
      );
    }
    const parsed = schema.safeParse(parseJson(response));
    if (!parsed.success) {
      throw new SupersetError(
        'SUPERSET_NOT_SUPERSET',
        `Superset's answer while trying to ${action} has an unexpected shape: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}.`,
        { status: response.status },
      );
    }
    return parsed.data;
  }
}

/**
 * Superset refuses a login with `{"message": …}`; another API (superset-git itself, say, whose refusals are
 * `{"error": {…}}`) must not read as a wrong password.
 */
function answersLikeSuperset(response: HttpResponse): boolean {
  if (response.status !== 401) return true;
  try {
    const body = JSON.parse(new TextDecoder().decode(response.body)) as unknown;
    return typeof (body as { message?: unknown }).message === 'string';
  } catch {
    return false;
  }
}
