// "Check drift now": an environment's whole drift check started on request, as a task whose log says how far it
// got ("checked 120/300 dashboards") and names what drifted; refused while a check of that environment runs.
import type { Task, User } from '@superset-git/contracts';
import { AppError } from '../http/app-error.ts';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import type { TaskContext, TaskRunner } from '../tasks/task-runner.ts';
import type { DriftCheckService } from './drift-check.service.ts';

/** About ten progress lines a run, whatever the number of dashboards. */
const progressEvery = (total: number) => Math.max(1, Math.ceil(total / 10));

export class DriftCheckNowService {
  constructor(
    private readonly checks: DriftCheckService,
    private readonly environments: PluginEnvironments,
    private readonly tasks: TaskRunner,
  ) {}

  async start(environmentId: number, user: User): Promise<Task> {
    const environment = await this.environments.get(environmentId);
    const running = this.checks.progress(environmentId);
    if (running)
      throw new AppError(
        'CONFLICT',
        `A drift check of ${environment.name} is already running (${running.taskId ? `task ${running.taskId}` : 'started by the schedule'}, ${running.done} of ${running.total} dashboards checked); wait for it to finish.`,
      );
    let context: TaskContext | undefined;
    const task = await this.tasks.start(
      { kind: 'environment.drift-check', title: `Check drift on ${environment.name}`, createdBy: user.id },
      async (taskContext) => {
        context = taskContext;
        const run = await started;
        const seconds = ((run.durationMs ?? 0) / 1000).toFixed(1);
        const summary = `${run.checked} dashboard(s) checked on ${environment.name} in ${seconds} s: ${run.drifted} drifted, ${run.failed} could not be compared.`;
        if (run.checked > 0 && run.failed === run.checked)
          throw new Error(`${summary} See each dashboard's last check for the reason.`);
        taskContext.log(summary);
        return run;
      },
    );
    // Started here, not in the task, so a second request in between already finds it running.
    const started = this.checks.check(environmentId, {
      taskId: task.id,
      dashboardDone: (done, total, dashboard, outcome, detail) => {
        if (outcome === 'drifted') context?.log(`${dashboard} drifted: ${detail}`, 'warn');
        if (outcome === 'failed') context?.log(`${dashboard} could not be compared: ${detail}`, 'error');
        if (done % progressEvery(total) === 0 || done === total)
          context?.log(`checked ${done}/${total} dashboards`);
        context?.progress(done / total);
      },
    });
    started.catch(() => {}); // the task reports it
    return task;
  }
}
