// Long work as tasks: states, stored logs, live events over SSE, and restarts that interrupt them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskEvent } from '@superset-git/contracts';
import type { ApiClient } from '@superset-git/api-client';
import { apiOf } from '../../support/api.ts';
import { listenTestServer, login, startTestServer, type TestServer } from '../../support/test-server.ts';

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('tasks', () => {
  let server: TestServer;
  let caller: Awaited<ReturnType<typeof login>>;
  let api: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    caller = await login(server);
    api = apiOf(server, caller);
  });
  afterAll(() => server.close());

  it('runs PENDING → RUNNING → SUCCESS and keeps its log lines and result', async () => {
    const task = await server.services.tasks.start(
      { kind: 'demo', title: 'Count to three', createdBy: 1 },
      async (ctx) => {
        for (let i = 1; i <= 3; i += 1) {
          ctx.log(`step ${i}`);
          ctx.progress(i / 3);
        }
        return { counted: 3 };
      },
    );
    expect(task.state).toBe('PENDING');
    const detail = await waitFor(
      async () => await api.GET('/api/tasks/{id}', { params: { path: { id: task.id } } }),
      (body) => body.state === 'SUCCESS',
    );
    expect(detail).toMatchObject({ state: 'SUCCESS', progress: 1, result: { counted: 3 }, error: null });
    expect(detail.log.map((line) => line.message)).toEqual(['step 1', 'step 2', 'step 3']);
    expect(detail.startedAt).not.toBeNull();
    expect(detail.finishedAt).not.toBeNull();
    const list = await api.raw.GET('/api/tasks');
    expect(list.data!.items[0]?.id).toBe(task.id);
  });

  it('records a failure with its reason and never writes a known secret into the log', async () => {
    server.services.redactor.add('hunter2-secret');
    const task = await server.services.tasks.start(
      { kind: 'demo', title: 'Fail', createdBy: 1 },
      async (ctx) => {
        ctx.log('using password hunter2-secret and header Bearer abcdefghijklmnop');
        throw new Error('login with hunter2-secret refused');
      },
    );
    const detail = await waitFor(
      async () => await api.GET('/api/tasks/{id}', { params: { path: { id: task.id } } }),
      (body) => body.state === 'FAILED',
    );
    expect(detail.state).toBe('FAILED');
    expect(detail.error).toBe('login with •••• refused');
    expect(JSON.stringify(detail)).not.toContain('hunter2-secret');
    expect(JSON.stringify(detail)).not.toContain('abcdefghijklmnop');
  });

  it('streams log lines and state changes live over SSE and ends with the task', async () => {
    const baseUrl = await listenTestServer(server);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const task = await server.services.tasks.start(
      { kind: 'demo', title: 'Live', createdBy: 1 },
      async (ctx) => {
        ctx.log('before the gate');
        await gate;
        ctx.log('after the gate');
      },
    );
    await waitFor(
      async () => await api.GET('/api/tasks/{id}', { params: { path: { id: task.id } } }),
      (body) => body.log.length === 1,
    );
    const response = await fetch(`${baseUrl}/api/tasks/${task.id}/events`, {
      headers: { cookie: caller.cookie },
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const events: TaskEvent[] = [];
    const readUntil = async (predicate: () => boolean) => {
      while (!predicate()) {
        const chunk = await reader.read();
        if (chunk.done) return;
        text += decoder.decode(chunk.value, { stream: true });
        const blocks = text.split('\n\n');
        text = blocks.pop() ?? '';
        for (const block of blocks) {
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)) as TaskEvent);
        }
      }
    };
    // The backlog arrives first; the second line only after the work continues: proof it is live.
    await readUntil(() => events.some((event) => event.type === 'state'));
    expect(
      events
        .filter((event) => event.type === 'log')
        .map((event) => event.type === 'log' && event.line.message),
    ).toEqual(['before the gate']);
    release();
    await readUntil(() => false);
    const messages = events.flatMap((event) => (event.type === 'log' ? [event.line.message] : []));
    expect(messages).toEqual(['before the gate', 'after the gate']);
    const last = events.at(-1);
    expect(last?.type === 'state' && last.task.state).toBe('SUCCESS');
  });

  it('marks tasks cut off by a stop as FAILED with the reason when the server starts again', async () => {
    const first = await startTestServer();
    const stuck = await first.services.tasks.start(
      { kind: 'demo', title: 'Never ends', createdBy: 1 },
      () => new Promise(() => {}),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Simulate a crash: the process goes away without finishing the task (close the DB directly).
    await first.services.db.close();
    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      const detail = await apiOf(second, await login(second)).GET('/api/tasks/{id}', {
        params: { path: { id: stuck.id } },
      });
      expect(detail.state).toBe('FAILED');
      expect(detail.error).toMatch(/Interrupted: the server stopped/);
      expect(detail.log.at(-1)?.message).toMatch(/server stopped/);
    } finally {
      await second.close();
    }
  });

  it('answers 404 for a task that does not exist', async () => {
    const answer = await api.raw.GET('/api/tasks/{id}', {
      params: { path: { id: 99999 } },
    });
    expect(answer.response.status).toBe(404);
  });
});
