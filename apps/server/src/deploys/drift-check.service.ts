// An environment's drift check: every dashboard live there (its export compared with the tree its live deployment
// imported, overrides and release fitting applied as the deploy did), a few at a time, each result stored as soon
// as it is known. One run per environment at a time, whether the schedule or a person started it; the last run's
// totals are kept for the hub.
import type {
  DriftCheckObject,
  DriftCheckProgress,
  DriftCheckRun,
  DriftCheckStatus,
} from '@superset-git/contracts';
import {
  applyOverrides,
  targetDrift,
  type DeployOverrides,
  type SupersetClient,
} from '@superset-git/superset';
import { commitTree } from '../dashboard-repos/tree-at.ts';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import type { DeploySettingsService } from './deploy-settings.service.ts';
import type { DeploymentsStore } from './deployments.store.ts';
import type { DriftChecksStore } from './drift-checks.store.ts';

export type { DriftCheckRun };

type Outcome = 'same' | 'drifted' | 'failed';

/** What a caller following a run hears: each dashboard as it is done. */
export interface DriftCheckListener {
  taskId?: number;
  dashboardDone?(done: number, total: number, dashboard: string, outcome: Outcome, detail: string): void;
}

interface Live {
  id: number;
  dashboardUuid: string;
  sha: string;
}

interface Running {
  run: Promise<DriftCheckRun>;
  progress: DriftCheckProgress;
}

export class DriftCheckService {
  private readonly running = new Map<number, Running>();
  private readonly lastRuns = new Map<number, DriftCheckRun>();

  constructor(
    private readonly deployments: DeploymentsStore,
    private readonly checks: DriftChecksStore,
    private readonly repos: DashboardReposService,
    private readonly environments: PluginEnvironments,
    private readonly settings: DeploySettingsService,
    private readonly concurrency = 4,
  ) {}

  isRunning(environmentId: number): boolean {
    return this.running.has(environmentId);
  }

  /** The run in progress on the environment, if any. */
  progress(environmentId: number): DriftCheckProgress | null {
    return this.running.get(environmentId)?.progress ?? null;
  }

  /** Checks the environment now; while a check of it runs, answers that one instead of starting another. */
  check(environmentId: number, listener: DriftCheckListener = {}): Promise<DriftCheckRun> {
    const current = this.running.get(environmentId);
    if (current) return current.run;
    const progress: DriftCheckProgress = {
      startedAt: new Date().toISOString(),
      done: 0,
      total: 0,
      taskId: listener.taskId ?? null,
    };
    const run = this.run(environmentId, progress, listener)
      .then((result) => {
        this.lastRuns.set(environmentId, result);
        return result;
      })
      .finally(() => this.running.delete(environmentId));
    this.running.set(environmentId, { run, progress });
    return run;
  }

  /** Resolves when no check runs (for a server that stops). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((entry) => entry.run));
  }

  /** What the hub shows: how many dashboards a check compares, the run going on, and the last one. */
  async status(environmentId: number): Promise<DriftCheckStatus> {
    await this.environments.get(environmentId);
    return {
      live: (await this.deployments.liveOn(environmentId)).length,
      everyMinutes:
        (await this.settings.driftCheckIntervals()).find((entry) => entry.environmentId === environmentId)
          ?.minutes ?? null,
      running: this.progress(environmentId),
      last: await this.lastRun(environmentId),
    };
  }

  private async lastRun(environmentId: number): Promise<DriftCheckRun | null> {
    const kept = this.lastRuns.get(environmentId);
    if (kept) return kept;
    // After a restart only the per-dashboard results remain: their totals, without a duration.
    const stored = await this.checks.summary(environmentId);
    if (!stored.first || !stored.last) return null;
    const { first, last, ...counts } = stored;
    return { environmentId, startedAt: first, finishedAt: last, durationMs: null, ...counts };
  }

  private async run(
    environmentId: number,
    progress: DriftCheckProgress,
    listener: DriftCheckListener,
  ): Promise<DriftCheckRun> {
    const started = Date.now();
    await this.environments.get(environmentId);
    const live = await this.deployments.liveOn(environmentId);
    const overrides = this.settings.overrides(await this.settings.resolved(environmentId));
    const client = await this.environments.client(environmentId);
    const counts = { drifted: 0, failed: 0 };
    progress.total = live.length;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < live.length) {
        const row = live[next++]!;
        const { outcome, detail } = await this.checkOne(environmentId, client, overrides, row);
        if (outcome === 'drifted') counts.drifted += 1;
        if (outcome === 'failed') counts.failed += 1;
        progress.done += 1;
        listener.dashboardDone?.(
          progress.done,
          live.length,
          await this.repos.label(row.dashboardUuid),
          outcome,
          detail,
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, live.length) }, worker));
    return {
      environmentId,
      checked: live.length,
      ...counts,
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
    };
  }

  private async checkOne(
    environmentId: number,
    client: SupersetClient,
    overrides: DeployOverrides,
    live: Live,
  ): Promise<{ outcome: Outcome; detail: string }> {
    let objects: DriftCheckObject[] = [];
    let error: string | null = null;
    try {
      const { repo } = await this.repos.open(live.dashboardUuid);
      const { tree } = await commitTree(repo, live.sha);
      const drift = await targetDrift(client, live.dashboardUuid, applyOverrides(tree, overrides));
      if (drift)
        objects = drift.items.map(({ objectType, uuid, name, kind }) => ({ objectType, uuid, name, kind }));
      else error = `The environment no longer has ${await this.repos.label(live.dashboardUuid)}.`;
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    await this.checks.put({
      environmentId,
      dashboardUuid: live.dashboardUuid,
      deploymentId: live.id,
      checkedAt: new Date().toISOString(),
      objectsJson: JSON.stringify(objects),
      error,
    });
    if (error) return { outcome: 'failed', detail: error };
    const names = objects.map((object) => `${object.objectType} ${object.name ?? object.uuid.slice(0, 8)}`);
    return objects.length
      ? { outcome: 'drifted', detail: names.join(', ') }
      : { outcome: 'same', detail: '' };
  }
}
