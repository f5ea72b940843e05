// Creating a repository on a plain git server (no GitHub/GitLab/Gitea API). superset-git's own small convention,
// which the demo's git server answers: `GET <server>/api/repos` lists repositories (so the server can create),
// `POST <server>/api/repos {"name"}` creates one and answers 201 `{"cloneUrl"}` (409 when it exists).
import { Agent, fetch } from 'undici';
import type { GitCredentials } from './credentials.ts';
import { GitError } from './git-error.ts';

interface PlainServer {
  url: string;
  credentials: GitCredentials | null;
  verifyTls?: boolean;
  timeoutMs?: number;
}

async function send(
  server: PlainServer,
  method: 'GET' | 'POST',
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const host = new URL(server.url).host;
  const timeoutMs = server.timeoutMs ?? 15_000;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (server.credentials) {
    const { username, token } = server.credentials;
    headers.Authorization = `Basic ${Buffer.from(`${username}:${token}`).toString('base64')}`;
  }
  const dispatcher = new Agent({
    connect: { rejectUnauthorized: server.verifyTls ?? true, timeout: timeoutMs },
  });
  try {
    const response = await fetch(`${server.url.replace(/\/+$/, '')}/api/repos`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
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
    if (response.status === 401 || response.status === 403)
      throw new GitError(
        'GIT_AUTH_FAILED',
        `The git server at ${host} refused the token (HTTP ${response.status}).`,
      );
    return { status: response.status, json };
  } catch (error) {
    if (error instanceof GitError) throw error;
    throw new GitError('GIT_REMOTE_UNREACHABLE', `Cannot reach the git server at ${host}.`, { cause: error });
  } finally {
    await dispatcher.close();
  }
}

/** Whether the server answers the create convention; any failure means it cannot (or not now). */
export async function plainServerCreates(server: PlainServer): Promise<boolean> {
  try {
    const { status, json } = await send(server, 'GET');
    return status === 200 && Array.isArray((json as { repositories?: unknown } | undefined)?.repositories);
  } catch {
    return false;
  }
}

/** Creates `name` on the server; answers its clone URL. */
export async function createOnPlainServer(server: PlainServer, name: string): Promise<string> {
  const host = new URL(server.url).host;
  const { status, json } = await send(server, 'POST', { name });
  const cloneUrl = (json as { cloneUrl?: unknown } | undefined)?.cloneUrl;
  if (status === 201 && typeof cloneUrl === 'string') return cloneUrl;
  if (status === 409)
    throw new GitError(
      'GIT_REPO_EXISTS',
      `The git server at ${host} already has a repository named '${name}'.`,
    );
  if (status === 400)
    throw new GitError(
      'VALIDATION',
      `The git server at ${host} does not accept '${name}' as a repository name.`,
    );
  throw new GitError(
    'VALIDATION',
    `The git server at ${host} cannot create repositories; create '${name}' there, then attach it.`,
  );
}
