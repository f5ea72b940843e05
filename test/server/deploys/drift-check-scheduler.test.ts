// The scheduled drift check's timing, with a stand-in check: an environment is checked when its interval has
// passed since the last start (on this server or, by the results it stored, another one on the database), never
// twice at once, and not at all once its check is turned off.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { DriftCheckScheduler } from '../../../apps/server/src/deploys/drift-check.scheduler.ts';
import type { DeploySettingsService } from '../../../apps/server/src/deploys/deploy-settings.service.ts';
import type { DriftCheckService } from '../../../apps/server/src/deploys/drift-check.service.ts';

const logger = { info: () => undefined, warn: () => undefined } as unknown as FastifyBaseLogger;
/** A database where no server stored any result. */
const nothingStored = () => Promise.resolve(null);

function setup(intervals: Array<{ environmentId: number; minutes: number }>, runMs: number) {
  const started: Array<{ environmentId: number; at: number }> = [];
  const running = new Set<number>();
  const checks = {
    isRunning: (id: number) => running.has(id),
    check: (id: number) => {
      started.push({ environmentId: id, at: Date.now() });
      running.add(id);
      return new Promise((resolve) =>
        setTimeout(() => {
          running.delete(id);
          resolve({});
        }, runMs),
      );
    },
    idle: async () => undefined,
  } as unknown as DriftCheckService;
  const settings = { driftCheckIntervals: () => intervals } as unknown as DeploySettingsService;
  return { started, checks, settings };
}

describe('drift check schedule', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('checks each environment once per its interval, starting at the first tick', async () => {
    const intervals = [
      { environmentId: 1, minutes: 5 },
      { environmentId: 2, minutes: 15 },
    ];
    const { started, checks, settings } = setup(intervals, 1000);
    const scheduler = new DriftCheckScheduler(
      checks,
      settings,
      { everySeconds: null },
      logger,
      nothingStored,
    );
    scheduler.start();
    await vi.advanceTimersByTimeAsync(31 * 60_000);
    await scheduler.stop();
    const of = (id: number) => started.filter((run) => run.environmentId === id).length;
    // First at 30 s, then every 5 minutes (ticks every 30 s) until minute 31: 30 s, 5:30, …, 30:30.
    expect(of(1)).toBe(7);
    expect(of(2)).toBe(3);
  });

  it('never starts a check of an environment while its previous one runs, however short the interval', async () => {
    const { started, checks, settings } = setup([{ environmentId: 1, minutes: 1 }], 5500);
    const scheduler = new DriftCheckScheduler(checks, settings, { everySeconds: 2 }, logger, nothingStored);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(20_000);
    await scheduler.stop();
    const gaps = started.slice(1).map((run, index) => run.at - started[index]!.at);
    expect(started.length).toBeGreaterThan(1);
    expect(gaps.every((gap) => gap >= 5500)).toBe(true);
  });

  it('checks nothing where the check is off', async () => {
    const { started, checks, settings } = setup([], 10);
    const scheduler = new DriftCheckScheduler(checks, settings, { everySeconds: 1 }, logger, nothingStored);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10_000);
    await scheduler.stop();
    expect(started).toEqual([]);
  });

  it('checks an environment once per interval between two servers sharing the database', async () => {
    const { started, checks, settings } = setup([{ environmentId: 1, minutes: 5 }], 1000);
    // What the database holds: the stand-in check stores its result when it starts, as a server would.
    const storedAt = () =>
      Promise.resolve(started.length > 0 ? new Date(started.at(-1)!.at).toISOString() : null);
    const servers = [1, 2].map(
      () => new DriftCheckScheduler(checks, settings, { everySeconds: null }, logger, storedAt),
    );
    servers[0]!.start();
    await vi.advanceTimersByTimeAsync(10_000); // the second server starts 10 s after the first
    servers[1]!.start();
    await vi.advanceTimersByTimeAsync(31 * 60_000);
    await Promise.all(servers.map((server) => server.stop()));
    // First at 30 s, then every 5 minutes until minute 31, as on one server: 7, not 14.
    expect(started).toHaveLength(7);
  });
});
