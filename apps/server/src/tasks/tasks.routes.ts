// /api/tasks: recent tasks, one task with its log, and its live events over SSE.
import {
  ApiError,
  IdParams,
  TaskDetail,
  TaskEventMessage,
  TaskList,
  TaskListQuery,
  TERMINAL_TASK_STATES,
  type TaskEvent,
} from '@superset-git/contracts';
import type { ZodApp } from '../http/zod-app.ts';
import { notFound } from '../http/app-error.ts';
import type { TaskRunner } from './task-runner.ts';
import type { TasksRepository } from './tasks.repository.ts';

const HEARTBEAT_MS = 15_000;

export function tasksRoutes(app: ZodApp, deps: { tasks: TasksRepository; runner: TaskRunner }): void {
  const { tasks, runner } = deps;
  const existing = (id: number) => {
    const task = tasks.get(id);
    if (!task) throw notFound(`Task ${id}`);
    return task;
  };

  app.get(
    '/api/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Recent tasks, newest first',
        querystring: TaskListQuery,
        response: { 200: TaskList },
      },
    },
    async (request) => ({ items: tasks.recent(request.query.limit) }),
  );

  app.get(
    '/api/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'A task with its whole log',
        params: IdParams,
        response: { 200: TaskDetail, 404: ApiError },
      },
    },
    async (request) => ({ ...existing(request.params.id), log: tasks.log(request.params.id) }),
  );

  app.get(
    '/api/tasks/:id/events',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'Server-sent events: `log` for each log line (id = seq), `state` on every change; ends when the task ends',
        params: IdParams,
        response: {
          200: {
            description: 'The event stream',
            content: { 'text/event-stream': { schema: TaskEventMessage } },
          },
          404: ApiError,
        },
      },
    },
    async (request, reply) => {
      const task = existing(request.params.id);
      const lastEventId = Number(request.headers['last-event-id'] ?? 0) || 0;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      let sentSeq = lastEventId;
      let closed = false;
      const write = (event: TaskEvent) => {
        if (closed) return;
        if (event.type === 'log') {
          if (event.line.seq <= sentSeq) return;
          sentSeq = event.line.seq;
          raw.write(`id: ${event.line.seq}\nevent: log\ndata: ${JSON.stringify(event)}\n\n`);
          return;
        }
        raw.write(`event: state\ndata: ${JSON.stringify(event)}\n\n`);
        if (TERMINAL_TASK_STATES.includes(event.task.state)) finish();
      };
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      // Subscribe before reading the backlog so that nothing falls between the two.
      const unsubscribe = runner.subscribe(task.id, write);
      const finish = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        raw.end();
      };
      request.raw.on('close', finish);
      for (const line of tasks.log(task.id, lastEventId)) write({ type: 'log', line });
      write({ type: 'state', task: tasks.get(task.id) ?? task });
    },
  );
}
