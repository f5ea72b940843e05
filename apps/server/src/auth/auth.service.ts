// Logins, sessions and personal API tokens.
import type { ApiTokenCreated, ApiTokenSummary, User } from '@superset-git/contracts';
import { AppError } from '../http/app-error.ts';
import { toUser, type UsersStore } from '../users/users.store.ts';
import type { ApiTokenRow, ApiTokensStore } from './api-tokens.store.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import type { SessionsStore } from './sessions.store.ts';
import { newApiToken, randomToken, sha256 } from './tokens.ts';

/** Bookkeeping a read may skip: a full disk must not stop people from reading what is there. */
async function bestEffort(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch {
    /* e.g. SQLITE_FULL: the session or token stays valid as it was */
  }
}

export interface AuthContext {
  user: User;
  via: 'session' | 'token';
  /** Set for cookie sessions: mutating requests must echo it in `x-csrf-token`. */
  csrfToken: string | null;
  sessionIdHash: string | null;
}

export class AuthService {
  constructor(
    private readonly sessions: SessionsStore,
    private readonly tokens: ApiTokensStore,
    private readonly users: UsersStore,
    private readonly sessionTtlMs: number,
  ) {}

  async login(
    username: string,
    password: string,
  ): Promise<{ user: User; sessionId: string; csrfToken: string }> {
    const row = await this.users.byUsername(username.trim());
    // Verify against a dummy hash for unknown users so the answer time does not reveal who exists.
    const valid = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
    if (!row || !valid) throw new AppError('UNAUTHORIZED', 'Wrong username or password.');
    const sessionId = randomToken();
    const csrfToken = randomToken();
    await this.sessions.insert({
      idHash: sha256(sessionId),
      userId: row.id,
      csrfToken,
      expiresAt: new Date(Date.now() + this.sessionTtlMs).toISOString(),
    });
    return { user: toUser(row), sessionId, csrfToken };
  }

  async logout(sessionIdHash: string): Promise<void> {
    await this.sessions.delete(sessionIdHash);
  }

  /** The session behind a cookie value; extends it (sliding expiry) while it is used. */
  async bySession(sessionId: string): Promise<AuthContext | null> {
    const idHash = sha256(sessionId);
    const row = await this.sessions.byIdHash(idHash);
    if (!row) return null;
    const now = Date.now();
    if (Date.parse(row.expiresAt) <= now) {
      await this.sessions.delete(idHash);
      return null;
    }
    const user = await this.users.byId(row.userId);
    if (!user) return null;
    // Write at most every few minutes rather than on every request.
    if (Date.parse(row.expiresAt) - now < this.sessionTtlMs - 5 * 60_000) {
      await bestEffort(() => this.sessions.extend(idHash, new Date(now + this.sessionTtlMs).toISOString()));
    }
    return { user: toUser(user), via: 'session', csrfToken: row.csrfToken, sessionIdHash: idHash };
  }

  async byApiToken(token: string): Promise<AuthContext | null> {
    const row = await this.tokens.byHash(sha256(token));
    if (!row) return null;
    if (row.expiresAt && Date.parse(row.expiresAt) <= Date.now()) return null;
    const user = await this.users.byId(row.userId);
    if (!user) return null;
    await bestEffort(() => this.tokens.touch(row.id, new Date().toISOString()));
    return { user: toUser(user), via: 'token', csrfToken: null, sessionIdHash: null };
  }

  async createApiToken(userId: number, name: string, expiresInDays?: number): Promise<ApiTokenCreated> {
    const token = newApiToken();
    const row = await this.tokens.insert({
      userId,
      name,
      tokenHash: sha256(token),
      prefix: token.slice(0, 10),
      expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000).toISOString() : null,
    });
    return { ...toTokenSummary(row), token };
  }

  async listApiTokens(userId: number): Promise<ApiTokenSummary[]> {
    return (await this.tokens.ofUser(userId)).map(toTokenSummary);
  }

  async revokeApiToken(userId: number, tokenId: number): Promise<void> {
    if (!(await this.tokens.delete(userId, tokenId)))
      throw new AppError('NOT_FOUND', `API token ${tokenId} does not exist.`);
  }

  async purgeExpiredSessions(): Promise<void> {
    await this.sessions.deleteExpired(new Date().toISOString());
  }
}

function toTokenSummary(row: ApiTokenRow): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
  };
}
