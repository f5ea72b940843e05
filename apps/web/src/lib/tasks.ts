// Following a task live over SSE (GET /api/tasks/{id}/events): its log lines as they come, and its state.
import type { Task, TaskEvent, TaskLogLine } from '$lib/api/types';

export const isSettled = (task: Pick<Task, 'state'>) =>
  task.state === 'SUCCESS' || task.state === 'FAILED' || task.state === 'AWAITING_INPUT';

export interface TaskHandlers {
  onLog?: (line: TaskLogLine) => void;
  onState?: (task: Task) => void;
}

/** Starts following; the returned function stops. The stream replays the stored log first. */
export function followTask(id: number, handlers: TaskHandlers): () => void {
  const source = new EventSource(`/api/tasks/${id}/events`);
  const parse = (event: Event) => JSON.parse((event as MessageEvent<string>).data) as TaskEvent;
  source.addEventListener('log', (event) => {
    const data = parse(event);
    if (data.type === 'log') handlers.onLog?.(data.line);
  });
  source.addEventListener('state', (event) => {
    const data = parse(event);
    if (data.type !== 'state') return;
    handlers.onState?.(data.task);
    if (data.task.state === 'SUCCESS' || data.task.state === 'FAILED') source.close();
  });
  return () => source.close();
}
