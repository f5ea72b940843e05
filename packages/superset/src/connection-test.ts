// Checks a Superset environment the way superset-git will use it: login, version, identity, CSRF and listing
// rights.
import type { ConnectionTestResult } from '@superset-git/contracts';
import { listDashboardsPage } from './dashboards-api.ts';
import { currentUser, supersetRelease } from './identity-api.ts';
import { SupersetClient, type SupersetConnection } from './superset-client.ts';
import { SupersetError } from './superset-error.ts';
import { SUPPORTED_RELEASES } from './versions/superset-release.ts';

export async function testConnection(
  connection: SupersetConnection,
  http: { timeoutMs?: number; retries?: number; retryDelayMs?: number } = {},
): Promise<ConnectionTestResult> {
  const started = Date.now();
  const client = new SupersetClient(connection, { retries: 0, ...http });
  const done = (fields: Omit<ConnectionTestResult, 'durationMs' | 'testedAt'>): ConnectionTestResult => ({
    ...fields,
    durationMs: Date.now() - started,
    testedAt: new Date().toISOString(),
  });
  let version: string | null = null;
  let user: ConnectionTestResult['user'] = null;
  // Asked at once, without a login: a test that fails at the password still tells which Superset answered.
  const asked = supersetRelease(client);
  asked.catch(() => undefined);
  try {
    await client.login();
    const release = await asked;
    version = release.version;
    user = await currentUser(client);
    await listDashboardsPage(client, { page: 0, pageSize: 1 });
    // A harmless write-path check: Superset must hand out a CSRF token for imports to work later.
    await client.call({
      method: 'GET',
      path: '/api/v1/security/csrf_token/',
      action: 'hand out a CSRF token',
    });
    const warning = release.unsupported
      ? ` superset-git supports Superset ${SUPPORTED_RELEASES.join(', ')}; ${version} is older, and it is used as ${release.line}.`
      : version === null
        ? ' It does not tell its version, so it is used as the newest supported release.'
        : '';
    return done({
      ok: true,
      supersetVersion: version,
      user,
      errorCode: null,
      message: `Connected to Superset${version ? ` ${version}` : ''} as ${user.username}.${warning}`,
    });
  } catch (error) {
    if (!(error instanceof SupersetError)) throw error;
    version ??= await asked.then((release) => release.version).catch(() => null);
    return done({ ok: false, supersetVersion: version, user, errorCode: error.code, message: error.message });
  } finally {
    await client.close();
  }
}
