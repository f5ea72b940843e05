// The rate_limits table: fixed windows counted in the database, so every server on it counts the same hits.
import { lte, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rateLimits } from '../db/schema.ts';

export interface RateLimitWindow {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
}

export class RateLimitsStore {
  constructor(private readonly db: Db) {}

  /** Counts one hit in one statement (no read-then-write race between servers); an ended window starts anew. */
  hit(key: string, windowMs: number, now: number): RateLimitWindow {
    const ended = sql`${rateLimits.resetAt} <= ${now}`;
    const [row] = this.db
      .insert(rateLimits)
      .values({ key, hits: 1, resetAt: now + windowMs })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          hits: sql`CASE WHEN ${ended} THEN 1 ELSE ${rateLimits.hits} + 1 END`,
          resetAt: sql`CASE WHEN ${ended} THEN ${now + windowMs} ELSE ${rateLimits.resetAt} END`,
        },
      })
      .returning({ hits: rateLimits.hits, resetAt: rateLimits.resetAt })
      .all();
    return { hits: row!.hits, ttlMs: row!.resetAt - now };
  }

  /** The current window without counting a hit; an ended or missing one reads as empty. */
  peek(key: string, now: number): RateLimitWindow {
    const row = this.db
      .select()
      .from(rateLimits)
      .where(sql`${rateLimits.key} = ${key}`)
      .get();
    if (!row || row.resetAt <= now) return { hits: 0, ttlMs: 0 };
    return { hits: row.hits, ttlMs: row.resetAt - now };
  }

  /** Forgets windows that have ended; answers how many. */
  deleteEnded(now: number): number {
    return this.db.delete(rateLimits).where(lte(rateLimits.resetAt, now)).run().changes;
  }
}
