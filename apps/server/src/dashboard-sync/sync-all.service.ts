// Every dashboard of an environment into git at once: each one not yet connected gets a local repository, each
// is synced (and committed when asked), a few at a time. The list is streamed from Superset a window at a time
// and nothing of a dashboard is kept once it is done but the counters and its failure, so memory stays that of a
// few exports whatever the count; a dashboard that fails is reported and the others go on. A run cut off by a
// stop of the server is carried on by the next one (sync-all-resume.ts).
import { SyncAllRequest, User, type SyncAllResult, type Task } from '@superset-git/contracts';
import { z } from 'zod';
import { GitError } from '@superset-git/git';
import { dashboardsById, type DashboardRef } from '@superset-git/superset';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import { operationSubject, type OperationLocks } from '../tasks/operation-locks.ts';
import type { TaskContext, TaskRunner } from '../tasks/task-runner.ts';
import type { DashboardRepoRow } from '../dashboard-repos/dashboard-repos.store.ts';
import { statusOf } from '../dashboard-repos/hub-status.ts';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import { marksNow, type ChangeMarks } from '../live-status/superset-baseline.ts';
import type { DashboardSyncService } from './dashboard-sync.service.ts';
import { clearCutConnect } from './sync-all-leftovers.ts';
import { resumePoint, SYNC_ALL_KIND, type ResumePoint, type SyncAllCheckpoint } from './sync-all-resume.ts';
import { messageOf } from '../error-causes.ts';

const count = (n: number) => n.toLocaleString('en-US');

/** What a queued sync-all keeps: the run is carried on from its checkpoint when another server takes it over. */
const SyncAllJob = z.object({
  environmentId: z.number().int().positive(),
  request: SyncAllRequest,
  user: User,
});

interface Item {
  dashboard: DashboardRef & { uuid: string };
  row: DashboardRepoRow | undefined;
  /** How many dashboards the run expects in all, as far as the stream knows now. */
  expected: number;
  /** Superset's change marks, read before any export of this window began (see DashboardSyncService.sync). */
  marks: ChangeMarks | null;
}

export class SyncAllService {
  constructor(
    private readonly repos: DashboardReposService,
    private readonly sync: DashboardSyncService,
    private readonly environments: PluginEnvironments,
    private readonly locks: OperationLocks,
    private readonly tasks: TaskRunner,
    /** How many dashboards are synced at once (the Superset client lets 8 requests through per instance). */
    private readonly concurrency = 4,
  ) {
    tasks.define(SYNC_ALL_KIND, SyncAllJob, ({ environmentId, request, user }, context) =>
      this.syncAll(environmentId, request, user, context),
    );
  }

  async startSyncAll(environmentId: number, input: SyncAllRequest, user: User): Promise<Task> {
    const environment = await this.environments.get(environmentId);
    // A second sync-all of one environment at once would export everything twice.
    return this.locks.enqueue(
      operationSubject.syncAll(environmentId),
      {
        spec: {
          kind: SYNC_ALL_KIND,
          title: `Sync every dashboard of ${environment.name}`,
          createdBy: user.id,
        },
        busy: (holder) =>
          `Every dashboard of ${environment.name} is already being synced (${holder.what}); wait for it to finish.`,
      },
      { environmentId, request: input, user } satisfies z.input<typeof SyncAllJob>,
    );
  }

  /**
   * Dashboards one window at a time, each with its repository row and the change marks, both read once a window:
   * three fewer calls to Superset per dashboard. Marks a little older than an export only make an edit made in
   * between show as an edit, which the next sync clears.
   */
  private async *items(environmentId: number, say: TaskContext['log']): AsyncGenerator<Item> {
    const client = await this.environments.client(environmentId);
    for await (const window of dashboardsById(client)) {
      // Neither should happen (ids never change); when Superset's answers still skip or repeat a dashboard, the
      // stream puts it right, and the log says so.
      if (window.repeated)
        say(
          `Superset listed ${count(window.repeated)} dashboard(s) a second time; each is synced once`,
          'warn',
        );
      if (window.unseen)
        say(
          `Superset lists ${count(window.dashboards.length)} dashboard(s) more than its windows of ids showed (made meanwhile, or left out of an answer): syncing them too`,
          'warn',
        );
      const listed = window.dashboards.filter((item): item is Item['dashboard'] => item.uuid !== null);
      if (listed.length === 0) continue;
      const rows = new Map(
        (await this.repos.rowsFor(listed.map((item) => item.uuid))).map((row) => [row.dashboardUuid, row]),
      );
      const marks = await marksNow(client);
      for (const dashboard of listed)
        yield { dashboard, row: rows.get(dashboard.uuid), expected: window.expected, marks };
    }
  }

  private async syncAll(
    environmentId: number,
    input: SyncAllRequest,
    user: User,
    context: TaskContext,
  ): Promise<SyncAllResult> {
    const name = (await this.environments.get(environmentId)).name;
    // Taken over from a server that stopped, this task carries on from its own checkpoint; otherwise from the
    // environment's previous run when the server stopped during it.
    const own = (await this.tasks.get(context.taskId)).result as Partial<SyncAllCheckpoint> | null;
    const resume =
      typeof own?.since === 'string'
        ? { environmentId, since: own.since, taskId: context.taskId }
        : await resumePoint(this.tasks, environmentId, context.taskId);
    const checkpoint: SyncAllCheckpoint = { environmentId, since: resume?.since ?? new Date().toISOString() };
    context.checkpoint(checkpoint);
    const result: SyncAllResult = {
      environmentId,
      dashboards: 0,
      connected: 0,
      synced: 0,
      committed: 0,
      skipped: 0,
      resumed: 0,
      failed: [],
    };
    const source = this.items(environmentId, (line, level) => context.log(line, level));
    let expected = 0;
    let announced = false;
    let shownProgress = -1;
    const next = async (): Promise<Item | undefined> => {
      const step = await source.next();
      if (step.done) return undefined;
      expected = Math.max(expected, step.value.expected);
      if (!announced) {
        announced = true;
        context.log(`${count(expected)} dashboard(s) in ${name}, ${this.concurrency} synced at a time`);
        if (resume)
          context.log(
            `Resuming: ${count(await this.repos.syncedSince(environmentId, resume.since))} of ${count(expected)} already synced ${resume.taskId === context.taskId ? 'before this task was taken over' : `by the interrupted run (task ${resume.taskId})`}`,
          );
      }
      return step.value;
    };
    const done = (line: string, level: 'info' | 'error' = 'info') => {
      result.dashboards += 1;
      const total = Math.max(expected, result.dashboards);
      context.log(`[${count(result.dashboards)} of ${count(total)}] ${line}`, level);
      // Every dashboard would rewrite the task row thousands of times; each whole percent is enough to follow.
      const percent = Math.floor((result.dashboards / total) * 100);
      if (percent !== shownProgress) {
        shownProgress = percent;
        context.progress(result.dashboards / total);
      }
    };
    const worker = async () => {
      for (let item = await next(); item; item = await next()) {
        const { title } = item.dashboard;
        try {
          const line = await this.one(item, environmentId, input, user, resume, result);
          done(line);
        } catch (error) {
          result.failed.push({ uuid: item.dashboard.uuid, title, message: messageOf(error) });
          done(`'${title}' failed: ${messageOf(error)}`, 'error');
        }
      }
    };
    const workers = await Promise.allSettled(Array.from({ length: this.concurrency }, worker));
    const listing = workers.find((outcome) => outcome.status === 'rejected');
    if (listing)
      throw new Error(
        `The dashboards of ${name} could not be listed after ${count(result.dashboards)} were done: ${messageOf(listing.reason)}`,
      );
    context.log(summary(result));
    if (result.failed.length > 0)
      throw new Error(
        `${result.failed.length} of ${result.dashboards} dashboard(s) could not be synced (the others were): ${result.failed
          .slice(0, 5)
          .map((item) => `'${item.title}': ${item.message}`)
          .join('; ')}`,
      );
    context.progress(1);
    return result;
  }

  /** One dashboard: connected when new, synced, committed when asked; answers its progress line. */
  private async one(
    { dashboard, row, marks }: Item,
    environmentId: number,
    input: SyncAllRequest,
    user: User,
    resume: ResumePoint | null,
    result: SyncAllResult,
  ): Promise<string> {
    const { uuid, title } = dashboard;
    let line = `'${title}': `;
    if (row && row.environmentId !== environmentId) {
      result.skipped += 1;
      return `'${title}' is connected through another environment; left alone`;
    }
    if (row && resume && (await this.finishedBy(row, resume, input))) {
      result.resumed += 1;
      return `'${title}' was synced by the interrupted run`;
    }
    if (!row && resume && (await clearCutConnect(this.repos.dir(uuid), resume.since)))
      line = `'${title}': removed the half-made repository the interrupted run left; `;
    if (!row) {
      await this.repos.connect(uuid, { environmentId, mode: 'init' }, user);
      result.connected += 1;
    }
    const written = await this.sync.sync(uuid, undefined, { id: dashboard.id, marks });
    result.synced += 1;
    let committed = false;
    // A stop between the interrupted run's write and its commit leaves files this sync finds as they are: the
    // commit is still due though nothing new was written.
    const due =
      written.written.length + written.removed.length > 0 ||
      (resume !== null && !(await statusOf((await this.repos.open(uuid)).repo)).clean);
    if (input.commitMessage && due) {
      committed = await this.repos
        .commit(uuid, { message: input.commitMessage }, user)
        .then(() => true)
        .catch((error: unknown) => {
          if (error instanceof GitError && error.code === 'GIT_NOTHING_TO_COMMIT') return false;
          throw error;
        });
      if (committed) result.committed += 1;
    }
    let notPushed = '';
    const pushed =
      committed &&
      (await this.sync.pushCommitted(uuid, (said, level) => {
        if (level === 'warn') notPushed = `; ${said}`;
      }));
    // The hub's status of each repository is cached until its next write: filled now, the hub of every
    // dashboard just synced answers without a git process per row.
    await statusOf((await this.repos.open(uuid)).repo);
    return `${line}${written.written.length} file(s) written, ${written.removed.length} removed${committed ? ', committed' : ''}${pushed ? ', pushed' : notPushed}`;
  }

  /**
   * Whether the interrupted run finished this dashboard: synced since it started and, when this run commits,
   * nothing left uncommitted (a stop between the sync and the commit leaves both to do again).
   */
  private async finishedBy(
    row: DashboardRepoRow,
    resume: ResumePoint,
    input: SyncAllRequest,
  ): Promise<boolean> {
    if (!row.lastSyncAt || row.lastSyncAt < resume.since) return false;
    if (!input.commitMessage) return true;
    return (await statusOf((await this.repos.open(row.dashboardUuid)).repo)).clean;
  }
}

function summary(result: SyncAllResult): string {
  const parts = [
    `${count(result.synced)} synced`,
    `${count(result.connected)} newly connected`,
    `${count(result.committed)} committed`,
  ];
  if (result.resumed > 0) parts.push(`${count(result.resumed)} already synced by the interrupted run`);
  if (result.skipped > 0)
    parts.push(`${count(result.skipped)} left alone (connected through another environment)`);
  parts.push(
    result.failed.length > 0
      ? `${count(result.failed.length)} failed: ${result.failed
          .slice(0, 10)
          .map((item) => `'${item.title}'`)
          .join(', ')}${result.failed.length > 10 ? ', …' : ''}`
      : 'none failed',
  );
  return `Done with ${count(result.dashboards)} dashboard(s): ${parts.join(', ')}`;
}
