// Long-running work (sync, push, deploy…) as tasks with stored log lines and live events.
import { z } from 'zod';

export const TaskState = z.enum(['PENDING', 'RUNNING', 'AWAITING_INPUT', 'SUCCESS', 'FAILED']);
export type TaskState = z.infer<typeof TaskState>;

export const TERMINAL_TASK_STATES: readonly TaskState[] = ['SUCCESS', 'FAILED'];

export const Task = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    title: z.string(),
    state: TaskState,
    /** 0..1 when the work can tell how far it is. */
    progress: z.number().min(0).max(1).nullable(),
    error: z.string().nullable(),
    result: z.unknown().nullable(),
    createdBy: z.number().int().nullable(),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof Task>;

export const TaskLogLevel = z.enum(['debug', 'info', 'warn', 'error']);
export type TaskLogLevel = z.infer<typeof TaskLogLevel>;

export const TaskLogLine = z
  .object({ seq: z.number().int(), at: z.iso.datetime(), level: TaskLogLevel, message: z.string() })
  .meta({ id: 'TaskLogLine' });
export type TaskLogLine = z.infer<typeof TaskLogLine>;

export const TaskDetail = Task.extend({ log: z.array(TaskLogLine) }).meta({ id: 'TaskDetail' });
export type TaskDetail = z.infer<typeof TaskDetail>;

export const TaskList = z.object({ items: z.array(Task) }).meta({ id: 'TaskList' });
export type TaskList = z.infer<typeof TaskList>;

/** What `GET /api/tasks/{id}/events` sends, one SSE message each (`event:` is the type). */
export const TaskEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('log'), line: TaskLogLine }),
  z.object({ type: z.literal('state'), task: Task }),
]);
export type TaskEvent = z.infer<typeof TaskEvent>;

/**
 * One message of that stream as it goes over the wire (the OpenAPI 3.2 shape of a server-sent event): `event`
 * is the TaskEvent's type, `data` the TaskEvent as JSON, `id` the log line's seq.
 */
export const TaskEventMessage = z
  .object({ event: z.enum(['log', 'state']), data: z.string(), id: z.string().optional() })
  .meta({ id: 'TaskEventMessage' });
export type TaskEventMessage = z.infer<typeof TaskEventMessage>;

export const TaskListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export type TaskListQuery = z.infer<typeof TaskListQuery>;
