// A task's live events as server-sent events: the stored log after the client's Last-Event-ID, then every new
// line and state change, until the task ends or the client leaves. A heartbeat keeps proxies from closing it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TERMINAL_TASK_STATES, type Task, type TaskEvent } from '@superset-git/contracts';
import type { TaskChangeNotices } from './task-change-notices.ts';
import type { TaskRunner } from './task-runner.ts';

const HEARTBEAT_MS = 15_000;
/**
 * How often the database is read for a task another server runs (its events do not reach this process): when
 * the database's change notices arrive, only in case one was lost; otherwise this is how fast lines show.
 */
const POLL_MS = { notified: 10_000, polling: 500 };

export async function streamTaskEvents(
  request: FastifyRequest,
  reply: FastifyReply,
  runner: TaskRunner,
  notices: TaskChangeNotices,
  task: Task,
  lastEventId: number,
): Promise<void> {
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
  // Live events wait while the stored backlog is read, so that lines go out in order and none is skipped.
  let held: TaskEvent[] | null = [];
  const write = (event: TaskEvent) => {
    if (closed) return;
    if (held) {
      held.push(event);
      return;
    }
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
  const [backlog, now] = await Promise.all([runner.log(task.id, lastEventId), runner.get(task.id)]);
  const live = held;
  held = null;
  for (const line of backlog) write({ type: 'log', line });
  write({ type: 'state', task: now });
  for (const event of live) write(event);
  if (!closed && !runner.runsHere(task.id)) void followFromDatabase();

  /**
   * Another server on the same database runs the task: its stored lines and state are read each time the
   * database says the task changed (or a while passed), until it ends.
   */
  async function followFromDatabase(): Promise<void> {
    let lastState = JSON.stringify(now);
    // Read once at once: a change between the backlog and this subscription sent no notice here.
    let changed = true;
    let wake: (() => void) | null = null;
    const stopNotices = notices.on(task.id, () => {
      changed = true;
      wake?.();
    });
    request.raw.on('close', () => {
      stopNotices();
      wake?.();
    });
    while (!closed) {
      if (!changed)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, notices.live ? POLL_MS.notified : POLL_MS.polling);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      wake = null;
      changed = false;
      if (closed) break;
      try {
        const [lines, state] = await Promise.all([runner.log(task.id, sentSeq), runner.get(task.id)]);
        for (const line of lines) write({ type: 'log', line });
        const text = JSON.stringify(state);
        if (text !== lastState) {
          lastState = text;
          write({ type: 'state', task: state });
        }
      } catch {
        /* the database did not answer this time: the next read tries again */
      }
    }
    stopNotices();
  }
}
