// Checks a git server's token: through the provider's API (GitHub, GitLab, Gitea), or for a plain git server by
// asking it directly. Always answers with a result; never throws for a failure the user can fix.
import type { GitServerTestResult } from '@superset-git/contracts';
import { GitError, plainServerCreates, probeGitServer } from '@superset-git/git';
import { ProviderError, validateToken } from '@superset-git/providers';
import type { GitServerConnection } from './git-server-connection.ts';
import { gitCredentials } from './git-server-connection.ts';

/** Scopes superset-git needs to create repositories, push and open pull requests. */
const REQUIRED_SCOPES = { github: ['repo'], gitlab: ['api'], gitea: [] } as const;

export async function checkGitServer(
  connection: GitServerConnection,
  timeoutMs: number,
): Promise<GitServerTestResult> {
  const started = Date.now();
  const done = (fields: Omit<GitServerTestResult, 'durationMs' | 'testedAt'>): GitServerTestResult => ({
    ...fields,
    durationMs: Date.now() - started,
    testedAt: new Date().toISOString(),
  });
  try {
    if (connection.provider === 'generic') {
      const plain = {
        credentials: gitCredentials(connection, null),
        verifyTls: connection.verifyTls,
        timeoutMs,
      };
      await probeGitServer(connection.url, plain);
      const creates = await plainServerCreates({ url: connection.url, ...plain });
      return done({
        ok: true,
        account: null,
        scopes: null,
        errorCode: null,
        createsRepositories: creates,
        message: `${new URL(connection.url).host} answers and did not refuse the token.${creates ? ' It can create repositories.' : ''} A plain git server has no API to check the token further; the first clone or push will.`,
      });
    }
    const check = await validateToken(
      {
        provider: connection.provider,
        apiUrl: connection.url,
        token: connection.token,
        verifyTls: connection.verifyTls,
        timeoutMs,
      },
      { requiredScopes: [...REQUIRED_SCOPES[connection.provider]] },
    );
    const scopes = check.scopes ? ` Scopes: ${check.scopes.join(', ') || 'none'}.` : '';
    return done({
      ok: true,
      account: check.account,
      scopes: check.scopes,
      errorCode: null,
      createsRepositories: true,
      message: `Connected as ${check.account.login}.${scopes}`,
    });
  } catch (error) {
    if (error instanceof ProviderError || error instanceof GitError) {
      return done({
        ok: false,
        account: null,
        scopes: null,
        errorCode: error.code,
        createsRepositories: false,
        message: error.message,
      });
    }
    throw error;
  }
}
