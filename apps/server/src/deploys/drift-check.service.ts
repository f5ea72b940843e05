// The scheduled drift check of one environment: every dashboard live there (its export compared with the tree its
// live deployment imported, overrides and release fitting applied as the deploy did), a few at a time, each
// result stored as soon as it is known. One run per environment at a time.
import type { DriftCheckObject } from '@superset-git/contracts';
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

export interface DriftCheckRun {
  environmentId: number;
  checked: number;
  drifted: number;
  failed: number;
  startedAt: string;
  durationMs: number;
}

interface Live {
  id: number;
  dashboardUuid: string;
  sha: string;
}

export class DriftCheckService {
  private readonly running = new Map<number, Promise<DriftCheckRun>>();

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

  /** Checks the environment now; while a check of it runs, answers that one instead of starting another. */
  check(environmentId: number): Promise<DriftCheckRun> {
    const current = this.running.get(environmentId);
    if (current) return current;
    const run = this.run(environmentId).finally(() => this.running.delete(environmentId));
    this.running.set(environmentId, run);
    return run;
  }

  /** Resolves when no check runs (for a server that stops). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  private async run(environmentId: number): Promise<DriftCheckRun> {
    const started = Date.now();
    this.environments.get(environmentId);
    const live = this.deployments.liveOn(environmentId);
    const overrides = this.settings.overrides(environmentId);
    const client = this.environments.client(environmentId);
    const counts = { drifted: 0, failed: 0 };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < live.length) {
        const row = live[next++]!;
        const outcome = await this.checkOne(environmentId, client, overrides, row);
        if (outcome === 'drifted') counts.drifted += 1;
        if (outcome === 'failed') counts.failed += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, live.length) }, worker));
    return {
      environmentId,
      checked: live.length,
      ...counts,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
    };
  }

  private async checkOne(
    environmentId: number,
    client: SupersetClient,
    overrides: DeployOverrides,
    live: Live,
  ): Promise<'same' | 'drifted' | 'failed'> {
    let objects: DriftCheckObject[] = [];
    let error: string | null = null;
    try {
      const { repo } = this.repos.open(live.dashboardUuid);
      const { tree } = await commitTree(repo, live.sha);
      const drift = await targetDrift(client, live.dashboardUuid, applyOverrides(tree, overrides));
      if (drift)
        objects = drift.items.map(({ objectType, uuid, name, kind }) => ({ objectType, uuid, name, kind }));
      else error = `The environment no longer has ${this.repos.label(live.dashboardUuid)}.`;
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    this.checks.put({
      environmentId,
      dashboardUuid: live.dashboardUuid,
      deploymentId: live.id,
      checkedAt: new Date().toISOString(),
      objectsJson: JSON.stringify(objects),
      error,
    });
    return error ? 'failed' : objects.length ? 'drifted' : 'same';
  }
}
