// The one way superset-git runs the system `git`: clean environment, credentials per call, typed failures.
import { classifyGitFailure, GitError } from './git-error.ts';
import { credentialConfig, type GitCredentials } from './credentials.ts';
import { launchGit, type LaunchResult } from './git-launcher.ts';
import { isInterimProgress } from './progress-lines.ts';

export interface GitRunOptions {
  cwd: string;
  /** Exit codes that are answers, not failures (e.g. 1 for `merge-tree` with conflicts). */
  okExitCodes?: readonly number[];
  stdin?: string | Buffer;
  credentials?: GitCredentials | null;
  /** Host of the remote involved, named in error messages. */
  host?: string | null;
  /** Extra environment, e.g. the commit author. */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Receives git's progress lines (stderr of clone, fetch, push with `--progress`). */
  onProgress?: (line: string) => void;
}

export interface GitResult {
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
  exitCode: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * Settings every call gets, through the environment rather than argv so they never show in `ps`:
 * no user or system config can change behaviour, no prompt can hang a request.
 */
const ENGINE_CONFIG: Array<[string, string]> = [
  ['core.autocrlf', 'false'],
  ['core.quotePath', 'false'],
  ['core.hooksPath', '/dev/null'],
  ['commit.gpgSign', 'false'],
  ['tag.gpgSign', 'false'],
  ['init.defaultBranch', 'main'],
  ['credential.helper', ''],
  ['advice.detachedHead', 'false'],
  ['pull.rebase', 'false'],
  ['merge.conflictStyle', 'merge'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
  ['fetch.writeCommitGraph', 'true'],
  // Abort a transfer that stalls below 1 kB/s for 30 s instead of hanging forever.
  ['http.lowSpeedLimit', '1000'],
  ['http.lowSpeedTime', '30'],
];

const DEFAULT_IDENTITY = { name: 'superset-git', email: 'superset-git@localhost' };

function gitEnvironment(options: GitRunOptions): NodeJS.ProcessEnv {
  const config = [...ENGINE_CONFIG, ...credentialConfig(options.credentials ?? null)];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    LC_ALL: 'C',
    LANG: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_LITERAL_PATHSPECS: '1',
    GIT_AUTHOR_NAME: DEFAULT_IDENTITY.name,
    GIT_AUTHOR_EMAIL: DEFAULT_IDENTITY.email,
    GIT_COMMITTER_NAME: DEFAULT_IDENTITY.name,
    GIT_COMMITTER_EMAIL: DEFAULT_IDENTITY.email,
    GIT_CONFIG_COUNT: String(config.length),
    ...options.env,
  };
  config.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return env;
}

/** Runs `git args…` and resolves with its output; rejects with a GitError unless the exit code is expected. */
export async function runGit(args: readonly string[], options: GitRunOptions): Promise<GitResult> {
  const verb = args.find((arg) => !arg.startsWith('-')) ?? 'git';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let progressBuffer = '';
  const onProgress = options.onProgress;
  // Progress comes as `\r`-rewritten lines; hand over each finished one.
  const onStderr = onProgress
    ? (chunk: Buffer) => {
        progressBuffer += chunk.toString('utf8');
        const parts = progressBuffer.split(/\r|\n/);
        progressBuffer = parts.pop() ?? '';
        for (const part of parts) if (part.trim() && !isInterimProgress(part.trim())) onProgress(part.trim());
      }
    : undefined;
  let launched: LaunchResult;
  try {
    launched = await launchGit(
      {
        args,
        cwd: options.cwd,
        env: gitEnvironment(options),
        stdin: options.stdin ?? '',
        timeoutMs,
        progress: onStderr !== undefined,
      },
      onStderr,
    );
  } catch (error) {
    throw new GitError('GIT_UNAVAILABLE', `Could not start git: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const stdoutBytes = launched.stdout;
  const stderr = launched.stderr.toString('utf8');
  const exitCode = launched.code ?? -1;
  if (launched.timedOut) {
    const seconds = Math.round(timeoutMs / 1000);
    const message = options.host
      ? `The git server at ${options.host} did not finish within ${seconds} s; nothing was changed locally.`
      : `git ${verb} did not finish within ${seconds} s.`;
    throw new GitError(options.host ? 'GIT_REMOTE_UNREACHABLE' : 'GIT_TIMEOUT', message);
  }
  if (!(options.okExitCodes ?? [0]).includes(exitCode)) {
    // Some verbs (push --porcelain, merge) tell why on stdout.
    const said = `${stderr}\n${stdoutBytes.toString('utf8', 0, 64_000)}`;
    throw classifyGitFailure(said, exitCode, { verb, host: options.host ?? null });
  }
  return { stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr, exitCode };
}
