// @fastify/rate-limit's custom `store` over the database: limits count across every server sharing it.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RateLimitsStore } from './rate-limits.store.ts';

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];

/** How often ended windows are swept away, at most. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The plugin constructs its store itself (`new store(options)`), so the database comes in through this closure.
 * Each limited route gets a child whose keys start with the route, so two routes never share a count.
 */
export function databaseRateLimitStore(table: RateLimitsStore): FastifyRateLimitStoreCtor {
  let lastSweep = 0;
  const sweep = (now: number) => {
    if (now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    // Old windows only take room; a sweep that fails is tried again at the next one.
    table.deleteEnded(now).catch(() => undefined);
  };

  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly route = '',
    ) {}

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const info = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      const method = Array.isArray(info?.method) ? info.method.join(',') : String(info?.method ?? '');
      return new DatabaseRateLimitStore(undefined, `${method} ${String(info?.url ?? '')} `);
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = Date.now();
      sweep(now);
      table.hit(this.route + key, timeWindow, now).then(
        (window) => callback(null, { current: window.hits, ttl: window.ttlMs }),
        (error: unknown) => callback(error as Error),
      );
    }

    read(key: string, callback: Callback): void {
      table.peek(this.route + key, Date.now()).then(
        (window) => callback(null, { current: window.hits, ttl: window.ttlMs }),
        (error: unknown) => callback(error as Error),
      );
    }
  }
  return DatabaseRateLimitStore;
}
