// Git servers: tokens are checked with the provider before saving (unless told otherwise), sealed at rest and
// never shown again; a token pasted into the URL is moved out of it.
import {
  GitServerTestResult,
  type GitServer,
  type GitServerCreate,
  type GitServerUpdate,
} from '@superset-git/contracts';
import { parseRemoteUrl } from '@superset-git/git';
import { AppError, notFound } from '../http/app-error.ts';
import { secretHint, type SecretBox } from '../secrets/secret-box.ts';
import { checkGitServer } from './git-server-check.ts';
import { DEFAULT_API_URL, type GitServerConnection } from './git-server-connection.ts';
import type { GitServerRow, GitServersStore } from './git-servers.store.ts';

/** How long "Save anyway" waits for the check it records. */
const SAVED_ANYWAY_CHECK_MS = 5_000;

/** Splits `https://user:token@host/x` into a clean URL and the token; trailing slashes dropped. */
function cleanUrl(raw: string): { url: string; token: string | null } {
  const { url, embedded } = parseRemoteUrl(raw);
  return { url: url.replace(/\/+$/, ''), token: embedded?.token ?? null };
}

export class GitServersService {
  constructor(
    private readonly store: GitServersStore,
    private readonly secrets: SecretBox,
    private readonly timeoutMs: number,
  ) {}

  async list(): Promise<GitServer[]> {
    return (await this.store.list()).map((row) => this.view(row));
  }

  async get(id: number): Promise<GitServer> {
    return this.view(await this.row(id));
  }

  async create(input: GitServerCreate): Promise<GitServer> {
    await this.assertNameFree(input.name);
    const connection = this.newConnection(input);
    const test = input.skipConnectionTest
      ? await this.checkForTheRecord(connection)
      : await this.requirePassingTest(connection);
    const row = await this.store.insert({
      name: input.name,
      provider: connection.provider,
      url: connection.url,
      username: input.username,
      defaultOwner: input.defaultOwner,
      verifyTls: input.verifyTls,
      tokenSealed: this.secrets.seal(connection.token),
      lastTestJson: test ? JSON.stringify(test) : null,
    });
    return this.view(row);
  }

  async update(id: number, input: GitServerUpdate): Promise<GitServer> {
    const current = await this.row(id);
    if (input.name !== undefined && input.name.toLowerCase() !== current.name.toLowerCase())
      await this.assertNameFree(input.name);
    const connection = this.mergedConnection(current, input);
    const changed =
      connection.token !== this.secrets.open(current.tokenSealed) ||
      connection.url !== current.url ||
      connection.provider !== current.provider ||
      connection.username !== current.username ||
      connection.verifyTls !== current.verifyTls;
    const test = !changed
      ? null
      : input.skipConnectionTest
        ? await this.checkForTheRecord(connection)
        : await this.requirePassingTest(connection);
    const row = await this.store.update(id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.defaultOwner !== undefined ? { defaultOwner: input.defaultOwner } : {}),
      provider: connection.provider,
      url: connection.url,
      username: connection.username,
      verifyTls: connection.verifyTls,
      tokenSealed: this.secrets.seal(connection.token),
      ...(test ? { lastTestJson: JSON.stringify(test) } : changed ? { lastTestJson: null } : {}),
    });
    return this.view(row);
  }

  async remove(id: number): Promise<void> {
    if (!(await this.store.delete(id))) throw notFound(`Git server ${id}`);
  }

  /** Tests a saved server, optionally with changed fields (not saved), and records the result. */
  async test(
    id: number,
    overrides: GitServerUpdate = { skipConnectionTest: false },
  ): Promise<GitServerTestResult> {
    const result = await checkGitServer(this.mergedConnection(await this.row(id), overrides), this.timeoutMs);
    await this.store.setLastTest(id, JSON.stringify(result));
    return result;
  }

  testUnsaved(input: GitServerCreate): Promise<GitServerTestResult> {
    return checkGitServer(this.newConnection(input), this.timeoutMs);
  }

  /** The saved server with its token, for the services that clone, push and pull. */
  async connection(id: number): Promise<GitServerConnection> {
    const row = await this.row(id);
    return {
      provider: row.provider,
      url: row.url,
      token: this.secrets.open(row.tokenSealed),
      username: row.username,
      verifyTls: row.verifyTls,
    };
  }

  private newConnection(input: GitServerCreate): GitServerConnection {
    const rawUrl = input.url ?? DEFAULT_API_URL[input.provider];
    if (!rawUrl) {
      throw new AppError('VALIDATION', `Give the URL of your ${input.provider} server.`, {
        url: 'required for this provider',
      });
    }
    const { url, token: embedded } = cleanUrl(rawUrl);
    const token = input.token ?? embedded;
    if (!token) throw new AppError('VALIDATION', 'Give a personal access token.', { token: 'required' });
    return { provider: input.provider, url, token, username: input.username, verifyTls: input.verifyTls };
  }

  private mergedConnection(row: GitServerRow, input: GitServerUpdate): GitServerConnection {
    const { url, token: embedded } = input.url ? cleanUrl(input.url) : { url: row.url, token: null };
    return {
      provider: input.provider ?? row.provider,
      url,
      token: input.token ?? embedded ?? this.secrets.open(row.tokenSealed),
      username: input.username !== undefined ? input.username : row.username,
      verifyTls: input.verifyTls ?? row.verifyTls,
    };
  }

  /**
   * Saved without a passing check ("Save anyway"): the check still runs, briefly, so the list shows why it
   * failed rather than "never checked"; a server too slow to answer in that time stays unchecked.
   */
  private async checkForTheRecord(connection: GitServerConnection): Promise<GitServerTestResult | null> {
    return checkGitServer(connection, Math.min(this.timeoutMs, SAVED_ANYWAY_CHECK_MS)).catch(() => null);
  }

  private async requirePassingTest(connection: GitServerConnection): Promise<GitServerTestResult> {
    const result = await checkGitServer(connection, this.timeoutMs);
    if (!result.ok) {
      throw new AppError(
        // A failed check always names its code; INTERNAL only if that ever stops being true.
        result.errorCode ?? 'INTERNAL',
        `${result.message} Nothing was saved; fix it, or save without the check.`,
      );
    }
    return result;
  }

  private async assertNameFree(name: string): Promise<void> {
    const clash = await this.store.byName(name);
    if (clash)
      throw new AppError('CONFLICT', `A git server named '${clash.name}' already exists.`, {
        name: 'already exists',
      });
  }

  private async row(id: number): Promise<GitServerRow> {
    const row = await this.store.byId(id);
    if (!row) throw notFound(`Git server ${id}`);
    return row;
  }

  private view(row: GitServerRow): GitServer {
    const lastTest = row.lastTestJson ? GitServerTestResult.safeParse(JSON.parse(row.lastTestJson)) : null;
    return {
      id: row.id,
      name: row.name,
      provider: row.provider,
      url: row.url,
      defaultOwner: row.defaultOwner,
      username: row.username,
      verifyTls: row.verifyTls,
      tokenHint: secretHint(this.secrets.open(row.tokenSealed)),
      lastTest: lastTest?.success ? lastTest.data : null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}
