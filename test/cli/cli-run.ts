// Runs the real `superset-git` command line in its own process, as a pipeline would.
import { execFile } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../apps/cli/bin/superset-git.mjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `env` adds to a clean environment: only PATH and HOME are passed on, so nothing leaks in by accident. */
export function runCli(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, cwd, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
