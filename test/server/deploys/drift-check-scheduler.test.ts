// The scheduled drift check's timing, with a stand-in check: an environment is checked when its interval has
// passed since the last start, never twice at once, and not at all once its check is turned off.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { DriftCheckScheduler } from '../../../apps/server/src/deploys/drift-check.scheduler.ts';
import type { DeploySettingsService } from '../../../apps/server/src/deploys/deploy-settings.service.ts';
import type { DriftCheckService } from '../../../apps/server/src/deploys/drift-check.service.ts';

const logger = { info: () => undefined, warn: () => undefined } as unknown as FastifyBaseLogger;

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
    const scheduler = new DriftCheckScheduler(checks, settings, { everySeconds: null }, logger);
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
    const scheduler = new DriftCheckScheduler(checks, settings, { everySeconds: 2 }, logger);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(20_000);
    await scheduler.stop();
    const gaps = started.slice(1).map((run, index) => run.at - started[index]!.at);
    expect(started.length).toBeGreaterThan(1);
    expect(gaps.every((gap) => gap >= 5500)).toBe(true);
  });

  it('checks nothing where the check is off', async () => {
    const { started, checks, settings } = setup([], 10);
    const scheduler = new DriftCheckScheduler(checks, settings, { everySeconds: 1 }, logger);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10_000);
    await scheduler.stop();
    expect(started).toEqual([]);
  });
});
