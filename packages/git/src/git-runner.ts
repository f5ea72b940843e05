// The one way superset-git runs the system `git`: clean environment, credentials per call, typed failures.
import { spawn } from 'node:child_process';
import { classifyGitFailure, GitError } from './git-error.ts';
import { credentialConfig, type GitCredentials } from './credentials.ts';

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
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: gitEnvironment(options),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let progressBuffer = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);

    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
      if (!options.onProgress) return;
      // Progress comes as `\r`-rewritten lines; hand over each finished one.
      progressBuffer += chunk.toString('utf8');
      const parts = progressBuffer.split(/\r|\n/);
      progressBuffer = parts.pop() ?? '';
      for (const part of parts) if (part.trim()) options.onProgress(part.trim());
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new GitError('GIT_FAILED', `Could not start git: ${error.message}`, { cause: error }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdoutBytes = Buffer.concat(out);
      const stderr = Buffer.concat(err).toString('utf8');
      const exitCode = code ?? -1;
      if (timedOut) {
        const seconds = Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000);
        const message = options.host
          ? `The git server at ${options.host} did not finish within ${seconds} s; nothing was changed locally.`
          : `git ${verb} did not finish within ${seconds} s.`;
        reject(new GitError(options.host ? 'GIT_REMOTE_UNREACHABLE' : 'GIT_FAILED', message));
        return;
      }
      if (!(options.okExitCodes ?? [0]).includes(exitCode)) {
        // Some verbs (push --porcelain, merge) tell why on stdout.
        const said = `${stderr}\n${stdoutBytes.toString('utf8', 0, 64_000)}`;
        reject(classifyGitFailure(said, exitCode, { verb, host: options.host ?? null }));
        return;
      }
      resolve({ stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderr, exitCode });
    });
    child.stdin.on('error', () => {
      // git may exit before reading all of stdin; its exit code tells what happened.
    });
    child.stdin.end(options.stdin ?? '');
  });
}
