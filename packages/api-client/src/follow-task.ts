// Following a task to its end by polling GET /api/tasks/{id}: its stored log is complete, so no line is missed.
import type { ApiClient } from './api-client.ts';
import type { components } from './schema';

type TaskDetail = components['schemas']['TaskDetail'];
type TaskLogLine = components['schemas']['TaskLogLine'];

/** Where a task stops on its own: done, failed, or waiting for a person (a conflict to resolve). */
export const SETTLED_TASK_STATES: readonly TaskDetail['state'][] = ['SUCCESS', 'FAILED', 'AWAITING_INPUT'];

export interface FollowTaskOptions {
  /** Between two polls; 250 ms by default. */
  intervalMs?: number;
  /** Give up (and throw) after this long; 10 minutes by default, Infinity to wait as long as it takes. */
  timeoutMs?: number;
  /** Each log line once, in order, as it appears. */
  onLog?: (line: TaskLogLine) => void;
}

export class TaskTimeoutError extends Error {
  override readonly name = 'TaskTimeoutError';

  constructor(readonly task: TaskDetail) {
    super(`Task ${task.id} (${task.title}) is still ${task.state} after waiting for it.`);
  }
}

/** The task once it is SUCCESS, FAILED or AWAITING_INPUT; a TaskTimeoutError when it takes longer than allowed. */
export async function followTask(
  api: Pick<ApiClient, 'GET'>,
  taskId: number,
  { intervalMs = 250, timeoutMs = 600_000, onLog }: FollowTaskOptions = {},
): Promise<TaskDetail> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  for (;;) {
    const task = await api.GET('/api/tasks/{id}', { params: { path: { id: taskId } } });
    for (const line of task.log) {
      if (line.seq <= seen) continue;
      seen = line.seq;
      onLog?.(line);
    }
    if (SETTLED_TASK_STATES.includes(task.state)) return task;
    if (Date.now() >= deadline) throw new TaskTimeoutError(task);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
