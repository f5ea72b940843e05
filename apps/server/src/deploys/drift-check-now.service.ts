// An environment's whole drift check as a queued task, started on request ("Check drift now") or by the schedule:
// its log says how far it got ("checked 120/300 dashboards") and names what drifted. One check of an environment at
// a time across every server on the database (a shared lock); on PostgreSQL a server sharing the repositories
// folder takes a check over when its server stops, and runs it again (a check only reads and stores results).
import type { Task, User } from '@superset-git/contracts';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import { operationSubject, type OperationLocks } from '../tasks/operation-locks.ts';
import type { TaskContext, TaskRunner } from '../tasks/task-runner.ts';
import type { DriftCheckService } from './drift-check.service.ts';

const KIND = 'environment.drift-check';
const DriftCheckJob = z.object({ environmentId: z.number().int().positive() });

/** About ten progress lines a run, whatever the number of dashboards. */
const progressEvery = (total: number) => Math.max(1, Math.ceil(total / 10));

export class DriftCheckNowService {
  constructor(
    private readonly checks: DriftCheckService,
    private readonly environments: PluginEnvironments,
    private readonly tasks: TaskRunner,
    private readonly locks: OperationLocks,
  ) {
    tasks.define(KIND, DriftCheckJob, ({ environmentId }, context) => this.run(environmentId, context));
  }

  /** Starts a check of the environment; 409 while one runs, here or on another server. */
  async start(environmentId: number, user: User | null): Promise<Task> {
    const environment = await this.environments.get(environmentId);
    return this.locks.enqueue(
      operationSubject.driftCheck(environmentId),
      {
        spec: {
          kind: KIND,
          title: `${user ? 'Check' : 'Scheduled check of'} drift on ${environment.name}`,
          createdBy: user?.id ?? null,
        },
        busy: (holder) => {
          const running = this.checks.progress(environmentId);
          const done = running ? `, ${running.done} of ${running.total} dashboards checked` : '';
          return `A drift check of ${environment.name} is already running (${holder.what}${done}); wait for it to finish.`;
        },
      },
      { environmentId } satisfies z.input<typeof DriftCheckJob>,
    );
  }

  /** The schedule's start: nothing when a check of the environment runs already (the schedule comes back). */
  async startScheduled(environmentId: number): Promise<Task | null> {
    try {
      return await this.start(environmentId, null);
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT') return null;
      throw error;
    }
  }

  private async run(environmentId: number, context: TaskContext): Promise<unknown> {
    const environment = await this.environments.get(environmentId);
    const run = await this.checks.check(environmentId, {
      taskId: context.taskId,
      dashboardDone: (done, total, dashboard, outcome, detail) => {
        if (outcome === 'drifted') context.log(`${dashboard} drifted: ${detail}`, 'warn');
        if (outcome === 'failed') context.log(`${dashboard} could not be compared: ${detail}`, 'error');
        if (done % progressEvery(total) === 0 || done === total)
          context.log(`checked ${done}/${total} dashboards`);
        context.progress(done / total);
      },
    });
    const seconds = ((run.durationMs ?? 0) / 1000).toFixed(1);
    const summary = `${run.checked} dashboard(s) checked on ${environment.name} in ${seconds} s: ${run.drifted} drifted, ${run.failed} could not be compared.`;
    if (run.checked > 0 && run.failed === run.checked)
      throw new Error(`${summary} See each dashboard's last check for the reason.`);
    context.log(summary);
    return run;
  }
}
