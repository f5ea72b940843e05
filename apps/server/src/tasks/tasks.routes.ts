// /api/tasks: recent tasks, one task with its log, and its live events over SSE.
import {
  ApiError,
  IdParams,
  TaskDetail,
  TaskEventMessage,
  TaskList,
  TaskListQuery,
} from '@superset-git/contracts';
import type { ZodApp } from '../http/zod-app.ts';
import { streamTaskEvents } from './task-event-stream.ts';
import type { TaskChangeNotices } from './task-change-notices.ts';
import type { TaskRunner } from './task-runner.ts';

export function tasksRoutes(app: ZodApp, runner: TaskRunner, notices: TaskChangeNotices): void {
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
    async (request) => ({ items: await runner.recent(request.query.limit) }),
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
    async (request) => runner.detail(request.params.id),
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
      const task = await runner.get(request.params.id);
      const lastEventId = Number(request.headers['last-event-id'] ?? 0) || 0;
      await streamTaskEvents(request, reply, runner, notices, task, lastEventId);
    },
  );
}
