// Checks a plain git server (no provider API): it answers, TLS is trusted, and it does not refuse the token.
import { Agent, fetch } from 'undici';
import type { GitCredentials } from './credentials.ts';
import { GitError } from './git-error.ts';

interface ProbeResult {
  status: number;
}

export async function probeGitServer(
  url: string,
  options: { credentials: GitCredentials | null; verifyTls?: boolean; timeoutMs?: number },
): Promise<ProbeResult> {
  const host = new URL(url).host;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const headers: Record<string, string> = {};
  if (options.credentials) {
    const { username, token } = options.credentials;
    headers.Authorization = `Basic ${Buffer.from(`${username}:${token}`).toString('base64')}`;
  }
  const dispatcher = new Agent({
    connect: { rejectUnauthorized: options.verifyTls ?? true, timeout: timeoutMs },
  });
  try {
    const response = await fetch(url, { headers, dispatcher, signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    if (response.status === 401 || response.status === 403) {
      throw new GitError(
        'GIT_AUTH_FAILED',
        `The git server at ${host} refused the token (HTTP ${response.status}).`,
      );
    }
    return { status: response.status };
  } catch (error) {
    if (error instanceof GitError) throw error;
    const text = String(
      (error as { cause?: { code?: string; message?: string } }).cause?.code ?? (error as Error).message,
    );
    if (/CERT|SSL|TLS|EPROTO/i.test(text)) {
      throw new GitError(
        'GIT_REMOTE_UNREACHABLE',
        `The TLS certificate of ${host} is not trusted (${text}).`,
      );
    }
    if ((error as Error).name === 'TimeoutError') {
      throw new GitError(
        'GIT_REMOTE_UNREACHABLE',
        `The git server at ${host} did not answer within ${timeoutMs / 1000} s.`,
      );
    }
    throw new GitError('GIT_REMOTE_UNREACHABLE', `Cannot reach the git server at ${host} (${text}).`);
  } finally {
    await dispatcher.close();
  }
}
