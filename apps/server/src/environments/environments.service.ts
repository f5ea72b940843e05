// Superset environments: save only what connects (unless told otherwise), keep passwords sealed and write-only.
import {
  ConnectionTestResult,
  type Environment,
  type EnvironmentCreate,
  type EnvironmentUpdate,
} from '@superset-git/contracts';
import { SupersetClient, testConnection, type SupersetConnection } from '@superset-git/superset';
import { isForeignKeyViolation } from '../db/database-errors.ts';
import { AppError, notFound } from '../http/app-error.ts';
import { secretHint, type SecretBox } from '../secrets/secret-box.ts';
import type { EnvironmentRow, EnvironmentsStore } from './environments.store.ts';

export class EnvironmentsService {
  /**
   * One logged-in client per environment, so listing does not log in on every page; kept with the stored
   * connection it was made from, so a change saved by another server on the same database is picked up.
   */
  private readonly clients = new Map<number, { client: SupersetClient; made: string }>();

  constructor(
    private readonly store: EnvironmentsStore,
    private readonly secrets: SecretBox,
    private readonly supersetTimeoutMs: number,
  ) {}

  async list(): Promise<Environment[]> {
    return (await this.store.list()).map((row) => this.view(row));
  }

  async get(id: number): Promise<Environment> {
    return this.view(await this.row(id));
  }

  async create(input: EnvironmentCreate): Promise<Environment> {
    await this.assertNameFree(input.name);
    const test = input.skipConnectionTest ? null : await this.requireConnection(connectionOf(input));
    const row = await this.store.insert({
      name: input.name,
      url: input.url,
      username: input.username,
      provider: input.provider,
      verifyTls: input.verifyTls,
      passwordSealed: this.secrets.seal(input.password),
      lastTestJson: test ? JSON.stringify(test) : null,
      supersetVersion: test?.supersetVersion ?? null,
    });
    return this.view(row);
  }

  async update(id: number, input: EnvironmentUpdate): Promise<Environment> {
    const current = await this.row(id);
    if (input.name !== undefined && input.name.toLowerCase() !== current.name.toLowerCase())
      await this.assertNameFree(input.name);
    const connection = this.mergedConnection(current, input);
    const connectionChanged =
      input.password !== undefined ||
      connection.url !== current.url ||
      connection.username !== current.username ||
      connection.provider !== current.provider ||
      connection.verifyTls !== current.verifyTls;
    const test =
      connectionChanged && !input.skipConnectionTest ? await this.requireConnection(connection) : null;
    const row = await this.store.update(id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      url: connection.url,
      username: connection.username,
      provider: connection.provider,
      verifyTls: connection.verifyTls,
      ...(input.password !== undefined ? { passwordSealed: this.secrets.seal(input.password) } : {}),
      ...(test
        ? { lastTestJson: JSON.stringify(test), supersetVersion: test.supersetVersion }
        : connectionChanged
          ? { lastTestJson: null, supersetVersion: null }
          : {}),
    });
    void this.dropClient(id);
    return this.view(row);
  }

  async remove(id: number): Promise<void> {
    let deleted: boolean;
    try {
      deleted = await this.store.delete(id);
    } catch (error) {
      if (isForeignKeyViolation(error)) {
        throw new AppError(
          'CONFLICT',
          'Dashboards of this environment are connected to git; disconnect them first.',
        );
      }
      throw error;
    }
    if (!deleted) throw notFound(`Environment ${id}`);
    await this.dropClient(id);
  }

  /** Tests a saved environment, optionally with changed fields (not saved), and records the result. */
  async test(
    id: number,
    overrides: EnvironmentUpdate = { skipConnectionTest: false },
  ): Promise<ConnectionTestResult> {
    const current = await this.row(id);
    const result = await testConnection(this.mergedConnection(current, overrides), {
      timeoutMs: this.supersetTimeoutMs,
    });
    await this.store.setLastTest(id, JSON.stringify(result), result.supersetVersion);
    return result;
  }

  testUnsaved(input: EnvironmentCreate): Promise<ConnectionTestResult> {
    return testConnection(connectionOf(input), { timeoutMs: this.supersetTimeoutMs });
  }

  async client(id: number): Promise<SupersetClient> {
    const row = await this.row(id);
    const made = [row.url, row.username, row.provider, row.verifyTls, row.passwordSealed].join('\n');
    const existing = this.clients.get(id);
    if (existing?.made === made) return existing.client;
    if (existing) existing.client.close().catch(() => undefined);
    const client = new SupersetClient(this.connection(row), { timeoutMs: this.supersetTimeoutMs });
    this.clients.set(id, { client, made });
    return client;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.keys()].map((id) => this.dropClient(id)));
  }

  private async dropClient(id: number): Promise<void> {
    const cached = this.clients.get(id);
    this.clients.delete(id);
    await cached?.client.close();
  }

  private async requireConnection(connection: SupersetConnection): Promise<ConnectionTestResult> {
    const result = await testConnection(connection, { timeoutMs: this.supersetTimeoutMs });
    if (!result.ok) {
      throw new AppError(
        result.errorCode ?? 'SUPERSET_ERROR',
        `${result.message} Nothing was saved; fix it, or save without the connection test.`,
      );
    }
    return result;
  }

  private async assertNameFree(name: string): Promise<void> {
    const clash = await this.store.byName(name);
    if (clash) {
      throw new AppError('CONFLICT', `An environment named '${clash.name}' already exists.`, {
        name: 'already exists',
      });
    }
  }

  private async row(id: number): Promise<EnvironmentRow> {
    const row = await this.store.byId(id);
    if (!row) throw notFound(`Environment ${id}`);
    return row;
  }

  private connection(row: EnvironmentRow): SupersetConnection {
    return {
      url: row.url,
      username: row.username,
      password: this.secrets.open(row.passwordSealed),
      provider: row.provider,
      verifyTls: row.verifyTls,
    };
  }

  private mergedConnection(row: EnvironmentRow, input: EnvironmentUpdate): SupersetConnection {
    const saved = this.connection(row);
    return {
      url: input.url ?? saved.url,
      username: input.username ?? saved.username,
      password: input.password ?? saved.password,
      provider: input.provider ?? saved.provider,
      verifyTls: input.verifyTls ?? saved.verifyTls,
    };
  }

  private view(row: EnvironmentRow): Environment {
    const lastTest = row.lastTestJson ? ConnectionTestResult.safeParse(JSON.parse(row.lastTestJson)) : null;
    return {
      id: row.id,
      name: row.name,
      url: row.url,
      username: row.username,
      provider: row.provider,
      verifyTls: row.verifyTls,
      passwordHint: secretHint(this.secrets.open(row.passwordSealed)),
      supersetVersion: row.supersetVersion,
      lastTest: lastTest?.success ? lastTest.data : null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}

function connectionOf(input: EnvironmentCreate): SupersetConnection {
  return {
    url: input.url,
    username: input.username,
    password: input.password,
    provider: input.provider,
    verifyTls: input.verifyTls,
  };
}
