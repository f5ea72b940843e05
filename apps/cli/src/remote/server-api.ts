// The API client for a running superset-git server with an API token: the server's own error message is what
// the user reads, and a refused token ends with exit 4.
import {
  ApiRequestError,
  createApiClient,
  followTask,
  type ApiClient,
  type TaskDetail,
} from '@superset-git/api-client';
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

export function serverFrom({ values }: CommandContext): ApiClient {
  const server = stringOption(values, 'server') ?? process.env.SUPERSET_GIT_SERVER;
  const token = stringOption(values, 'token') ?? process.env.SUPERSET_GIT_TOKEN;
  if (!server) throw new UsageError('Give the server with --server (or SUPERSET_GIT_SERVER).');
  if (!token) throw new UsageError('Give an API token in SUPERSET_GIT_TOKEN (or --token).');
  try {
    new URL(server);
  } catch {
    throw new UsageError(`--server '${server}' is not an address (e.g. http://127.0.0.1:8080).`);
  }
  return withCliErrors(createApiClient({ baseUrl: server, token }));
}

/** The same client whose failures are CliErrors with the exit codes a pipeline checks. */
function withCliErrors(api: ApiClient): ApiClient {
  const wrap = <F extends (...args: never[]) => Promise<unknown>>(method: F): F =>
    (async (...args: Parameters<F>) => {
      try {
        return await method(...args);
      } catch (error) {
        throw error instanceof ApiRequestError ? cliErrorOf(error, api.baseUrl) : error;
      }
    }) as F;
  return {
    ...api,
    GET: wrap(api.GET),
    POST: wrap(api.POST),
    PUT: wrap(api.PUT),
    PATCH: wrap(api.PATCH),
    DELETE: wrap(api.DELETE),
  };
}

function cliErrorOf(error: ApiRequestError, baseUrl: string): CliError {
  if (error.code === 'NETWORK' || error.code === 'NOT_JSON') return new CliError(error.message);
  if (error.status === 401)
    return new CliError(
      `The server at ${baseUrl} refused the token: ${error.message} Create one under your account and pass it as SUPERSET_GIT_TOKEN.`,
      EXIT.auth,
    );
  if (error.status === 403) return new CliError(`Not allowed: ${error.message}`, EXIT.auth);
  return new CliError(error.message);
}

/** Waits for a task to finish (or to wait for input), printing its log lines as progress on stderr. */
export function follow(api: ApiClient, taskId: number, out: Output, intervalMs = 250): Promise<TaskDetail> {
  return followTask(api, taskId, {
    intervalMs,
    timeoutMs: Infinity,
    onLog: (line) =>
      line.level === 'warn' || line.level === 'error' ? out.warn(line.message) : out.progress(line.message),
  });
}
