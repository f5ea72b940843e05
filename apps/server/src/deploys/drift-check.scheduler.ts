// Starts each environment's drift check when its interval (deploy settings, `driftCheckMinutes`) has passed since
// the last one started, here or on another server on the database (the newest result it stored); never two of one
// environment at once (the check is a task holding a lock every server sees). Results go to the drift_checks
// table, a line to the log.
import type { FastifyBaseLogger } from 'fastify';
import type { DeploySettingsService } from './deploy-settings.service.ts';

/** How the schedule starts checks: `check` answers once one is started (or was already running). */
export interface ScheduledChecks {
  isRunning(environmentId: number): boolean;
  check(environmentId: number): Promise<unknown>;
  /** Resolves when no check runs here. */
  idle(): Promise<void>;
}

export interface DriftCheckSchedule {
  /** Replaces every environment's interval (tests); the check still runs only where it is on. */
  everySeconds: number | null;
}

export class DriftCheckScheduler {
  private timer: NodeJS.Timeout | null = null;
  private readonly lastStarted = new Map<number, number>();

  constructor(
    private readonly checks: ScheduledChecks,
    private readonly settings: DeploySettingsService,
    private readonly schedule: DriftCheckSchedule,
    private readonly logger: FastifyBaseLogger,
    /** When the environment's newest result was stored, by any server (null: none yet). */
    private readonly lastCheckedAt: (environmentId: number) => Promise<string | null>,
  ) {}

  private ticking = false;

  start(): void {
    const tickMs = this.schedule.everySeconds ? Math.min(this.schedule.everySeconds * 1000, 1000) : 30_000;
    this.timer = setInterval(() => {
      // One tick at a time: the settings are read from the database, which may answer slowly.
      if (this.ticking) return;
      this.ticking = true;
      this.tick()
        .catch((error: unknown) =>
          this.logger.warn(
            { error: error instanceof Error ? error.message : String(error) },
            'drift check tick failed',
          ),
        )
        .finally(() => (this.ticking = false));
    }, tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checks.idle();
  }

  private async tick(): Promise<void> {
    const now = Date.now();
    for (const { environmentId, minutes } of await this.settings.driftCheckIntervals()) {
      const everyMs = (this.schedule.everySeconds ?? minutes * 60) * 1000;
      const startedHere = this.lastStarted.get(environmentId);
      if (this.checks.isRunning(environmentId) || (startedHere !== undefined && now - startedHere < everyMs))
        continue;
      // Due as far as this server knows: another sharing the database may have checked it since.
      const stored = await this.lastCheckedAt(environmentId);
      if (stored && now - Date.parse(stored) < everyMs) continue;
      this.lastStarted.set(environmentId, now);
      this.checks.check(environmentId).then(
        (started) => this.logger.info({ environmentId, started }, 'scheduled drift check started'),
        (error: unknown) =>
          this.logger.warn(
            { environmentId, error: error instanceof Error ? error.message : String(error) },
            'drift check failed',
          ),
      );
    }
  }
}
