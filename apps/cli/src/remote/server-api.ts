// Calls to a running superset-git server with an API token. Every answer is checked against its contract; the
// server's own error message is what the user reads, and a refused token ends with exit 4.
import { ApiError, TaskDetail, TERMINAL_TASK_STATES } from '@superset-git/contracts';
import type { z } from 'zod';
import type { OptionsConfig } from '../command.ts';
import { CliError, EXIT, UsageError } from '../cli-errors.ts';
import { stringOption, type CommandContext } from '../command.ts';
import type { Output } from '../cli-output.ts';

export const SERVER_OPTIONS: OptionsConfig = {
  server: { type: 'string' },
  token: { type: 'string' },
};

export const SERVER_HELP = `  --server URL          The superset-git server (or SUPERSET_GIT_SERVER)
  --token TOKEN         An API token (better: SUPERSET_GIT_TOKEN, which stays out of the process list)`;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export class ServerApi {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async call<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S,
    options: { body?: unknown; query?: Record<string, string | number | undefined> } = {},
  ): Promise<z.infer<S>> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {}))
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept: 'application/json',
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new CliError(`Cannot reach the superset-git server at ${this.baseUrl}${cause}.`);
    }
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      throw new CliError(
        `${this.baseUrl} answered ${method} ${path} with something that is not JSON (HTTP ${response.status}); is it a superset-git server?`,
      );
    }
    if (!response.ok) throw errorOf(response.status, body, this.baseUrl);
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new CliError(
        `The server's answer to ${method} ${path} does not match its contract: ${parsed.error.message}`,
      );
    return parsed.data;
  }

  /**
   * Waits for a task to finish (or to wait for input), printing its log lines as progress. Polls: a task's
   * stored log is complete, so no line is missed between calls.
   */
  async follow(taskId: number, out: Output, intervalMs = 250): Promise<TaskDetail> {
    let seen = 0;
    for (;;) {
      const task = await this.call('GET', `/api/tasks/${taskId}`, TaskDetail);
      for (const line of task.log) {
        if (line.seq <= seen) continue;
        seen = line.seq;
        if (line.level === 'warn' || line.level === 'error') out.warn(line.message);
        else out.progress(line.message);
      }
      if (TERMINAL_TASK_STATES.includes(task.state) || task.state === 'AWAITING_INPUT') return task;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

function errorOf(status: number, body: unknown, baseUrl: string): CliError {
  const parsed = ApiError.safeParse(body);
  const message = parsed.success ? parsed.data.error.message : `HTTP ${status}`;
  if (status === 401)
    return new CliError(
      `The server at ${baseUrl} refused the token: ${message} Create one under your account and pass it as SUPERSET_GIT_TOKEN.`,
      EXIT.auth,
    );
  if (status === 403) return new CliError(`Not allowed: ${message}`, EXIT.auth);
  return new CliError(message);
}

export function serverFrom({ values }: CommandContext): ServerApi {
  const server = stringOption(values, 'server') ?? process.env.SUPERSET_GIT_SERVER;
  const token = stringOption(values, 'token') ?? process.env.SUPERSET_GIT_TOKEN;
  if (!server) throw new UsageError('Give the server with --server (or SUPERSET_GIT_SERVER).');
  if (!token) throw new UsageError('Give an API token in SUPERSET_GIT_TOKEN (or --token).');
  try {
    new URL(server);
  } catch {
    throw new UsageError(`--server '${server}' is not an address (e.g. http://127.0.0.1:8080).`);
  }
  return new ServerApi(server.replace(/\/+$/, ''), token);
}
