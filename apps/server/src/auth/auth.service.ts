// Logins, sessions and personal API tokens.
import { and, desc, eq, lt } from 'drizzle-orm';
import type { ApiTokenCreated, ApiTokenSummary, User } from '@superset-git/contracts';
import { writtenRow, type Db } from '../db/database.ts';
import { apiTokens, sessions } from '../db/schema.ts';
import { AppError } from '../http/app-error.ts';
import { toUser, type UsersRepository } from '../users/users.repository.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { newApiToken, randomToken, sha256 } from './tokens.ts';

/** Bookkeeping a read may skip: a full disk must not stop people from reading what is there. */
function bestEffort(write: () => unknown): void {
  try {
    write();
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
    private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly sessionTtlMs: number,
  ) {}

  async login(
    username: string,
    password: string,
  ): Promise<{ user: User; sessionId: string; csrfToken: string }> {
    const row = this.users.byUsername(username.trim());
    // Verify against a dummy hash for unknown users so the answer time does not reveal who exists.
    const valid = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
    if (!row || !valid) throw new AppError('UNAUTHORIZED', 'Wrong username or password.');
    const sessionId = randomToken();
    const csrfToken = randomToken();
    this.db
      .insert(sessions)
      .values({
        idHash: sha256(sessionId),
        userId: row.id,
        csrfToken,
        expiresAt: new Date(Date.now() + this.sessionTtlMs).toISOString(),
      })
      .run();
    return { user: toUser(row), sessionId, csrfToken };
  }

  logout(sessionIdHash: string): void {
    this.db.delete(sessions).where(eq(sessions.idHash, sessionIdHash)).run();
  }

  /** The session behind a cookie value; extends it (sliding expiry) while it is used. */
  bySession(sessionId: string): AuthContext | null {
    const idHash = sha256(sessionId);
    const row = this.db.select().from(sessions).where(eq(sessions.idHash, idHash)).get();
    if (!row) return null;
    const now = Date.now();
    if (Date.parse(row.expiresAt) <= now) {
      this.db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
      return null;
    }
    const user = this.users.byId(row.userId);
    if (!user) return null;
    // Write at most every few minutes rather than on every request.
    if (Date.parse(row.expiresAt) - now < this.sessionTtlMs - 5 * 60_000) {
      bestEffort(() =>
        this.db
          .update(sessions)
          .set({ expiresAt: new Date(now + this.sessionTtlMs).toISOString() })
          .where(eq(sessions.idHash, idHash))
          .run(),
      );
    }
    return { user: toUser(user), via: 'session', csrfToken: row.csrfToken, sessionIdHash: idHash };
  }

  byApiToken(token: string): AuthContext | null {
    const row = this.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, sha256(token)))
      .get();
    if (!row) return null;
    if (row.expiresAt && Date.parse(row.expiresAt) <= Date.now()) return null;
    const user = this.users.byId(row.userId);
    if (!user) return null;
    bestEffort(() =>
      this.db
        .update(apiTokens)
        .set({ lastUsedAt: new Date().toISOString() })
        .where(eq(apiTokens.id, row.id))
        .run(),
    );
    return { user: toUser(user), via: 'token', csrfToken: null, sessionIdHash: null };
  }

  createApiToken(userId: number, name: string, expiresInDays?: number): ApiTokenCreated {
    const token = newApiToken();
    const rows = this.db
      .insert(apiTokens)
      .values({
        userId,
        name,
        tokenHash: sha256(token),
        prefix: token.slice(0, 10),
        expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000).toISOString() : null,
      })
      .returning()
      .all();
    return { ...toTokenSummary(writtenRow(rows, 'The API token')), token };
  }

  listApiTokens(userId: number): ApiTokenSummary[] {
    return this.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.userId, userId))
      .orderBy(desc(apiTokens.createdAt))
      .all()
      .map(toTokenSummary);
  }

  revokeApiToken(userId: number, tokenId: number): void {
    const result = this.db
      .delete(apiTokens)
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
      .run();
    if (result.changes === 0) throw new AppError('NOT_FOUND', `API token ${tokenId} does not exist.`);
  }

  purgeExpiredSessions(): void {
    this.db.delete(sessions).where(lt(sessions.expiresAt, new Date().toISOString())).run();
  }
}

function toTokenSummary(row: typeof apiTokens.$inferSelect): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
  };
}
