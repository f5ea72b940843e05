// `clone`: a remote repository into a new folder; a failed clone leaves no folder behind.
import fs from 'node:fs';
import path from 'node:path';
import { parseRemoteUrl, type GitCredentials } from './credentials.ts';
import { GitError } from './git-error.ts';
import { runGit } from './git-runner.ts';
import { openRepo, type Repo } from './repo.ts';
import { speaksSmartHttp } from './smart-http-probe.ts';

interface CloneOptions {
  url: string;
  dir: string;
  credentials?: GitCredentials | null;
  onProgress?: (line: string) => void;
  timeoutMs?: number;
}

interface CloneResult {
  repo: Repo;
  /** The remote had no commits yet. */
  empty: boolean;
}

export async function cloneRepository(options: CloneOptions): Promise<CloneResult> {
  const remote = parseRemoteUrl(options.url);
  const credentials = options.credentials ?? remote.embedded;
  const dir = path.resolve(options.dir);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new GitError('GIT_REPO_EXISTS', 'The folder for this repository is not empty; nothing was cloned.');
  }
  const existed = fs.existsSync(dir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  try {
    const result = await runGit(['clone', '--progress', '--', remote.url, dir], {
      cwd: path.dirname(dir),
      credentials,
      host: remote.host,
      onProgress: options.onProgress,
      timeoutMs: options.timeoutMs,
    });
    const empty = /cloned an empty repository/.test(result.stderr);
    if (empty && !(await speaksSmartHttp(remote.url, credentials))) {
      throw new GitError(
        'GIT_NOT_A_GIT_SERVER',
        `${remote.host} answered, but not as a git server; check the repository URL.`,
      );
    }
    return { repo: openRepo(dir), empty };
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    if (existed) fs.mkdirSync(dir);
    throw error;
  }
}
