// Attach (or change) the repository's remote: reach it first, refuse one whose history is unrelated to ours, then
// point `origin` at it, fetch, and track the current branch where the remote has it. A refusal changes nothing.
import { parseRemoteUrl, type GitCredentials } from './credentials.ts';
import { remoteRun } from './fetch.ts';
import { GitError } from './git-error.ts';
import { runGit } from './git-runner.ts';
import type { Git, Repo } from './repo.ts';
import { currentBranch, resolveCommit } from './repo-state.ts';
import { speaksSmartHttp } from './smart-http-probe.ts';

interface AttachOptions {
  url: string;
  credentials: GitCredentials | null;
  onProgress?: (line: string) => void;
  timeoutMs?: number;
}

export interface AttachResult {
  url: string;
  /** Branches the remote holds, by name. */
  remoteBranches: string[];
  /** The current branch's counterpart on the remote, now its upstream; null when it is not published yet. */
  upstream: string | null;
}

// Where the remote's branches are fetched for the history check, apart from every ref a person sees.
const PROBE_PREFIX = 'refs/superset-git/probe/';

/** The remote's branches and their commits (`ls-remote`), without writing anything in the repository. */
async function remoteHeads(repo: Repo, options: AttachOptions): Promise<Map<string, string>> {
  const remote = parseRemoteUrl(options.url);
  const result = await runGit(['ls-remote', '--heads', '--', remote.url], {
    cwd: repo.path,
    env: { GIT_OPTIONAL_LOCKS: '0' },
    ...remoteRun(remote, options),
  });
  const heads = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const [oid, ref] = line.split('\t');
    if (oid && ref?.startsWith('refs/heads/')) heads.set(ref.slice('refs/heads/'.length), oid);
  }
  if (heads.size === 0 && !(await speaksSmartHttp(remote.url, options.credentials))) {
    throw new GitError(
      'GIT_NOT_A_GIT_SERVER',
      `${remote.host ?? 'The URL'} answered, but not as a git server; check the repository.`,
    );
  }
  return heads;
}

/** True when at least one of the remote's branches shares a commit with the current one. */
async function sharesHistory(git: Git, url: string, options: AttachOptions): Promise<boolean> {
  const remote = parseRemoteUrl(url);
  await git(
    ['fetch', '--no-tags', '--no-write-fetch-head', '--', remote.url, `+refs/heads/*:${PROBE_PREFIX}*`],
    remoteRun(remote, options),
  );
  const probed = await git(['for-each-ref', '--format=%(refname)', '--', PROBE_PREFIX]);
  const refs = probed.stdout.split('\n').filter(Boolean);
  try {
    for (const ref of refs) {
      const base = await git(['merge-base', '--', 'HEAD', ref], { okExitCodes: [0, 1] });
      if (base.exitCode === 0) return true;
    }
    return false;
  } finally {
    if (refs.length > 0)
      await git(['update-ref', '--stdin'], { stdin: refs.map((ref) => `delete ${ref}\n`).join('') });
  }
}

export async function attachRemote(repo: Repo, options: AttachOptions): Promise<AttachResult> {
  const { url } = parseRemoteUrl(options.url);
  const heads = await remoteHeads(repo, options);
  return repo.write(async (git) => {
    if (heads.size > 0 && !(await sharesHistory(git, url, options))) {
      throw new GitError(
        'GIT_UNRELATED_HISTORY',
        'That repository already holds history unrelated to this dashboard’s repository; nothing was changed.',
      );
    }
    const existing = await git(['remote', 'get-url', '--', 'origin'], { okExitCodes: [0, 2, 128] });
    await git(
      existing.exitCode === 0
        ? ['remote', 'set-url', '--', 'origin', url]
        : ['remote', 'add', '--', 'origin', url],
    );
    await git(
      ['fetch', '--progress', '--prune', '--tags', '--', 'origin'],
      remoteRun(parseRemoteUrl(url), options),
    );
    const branch = await currentBranch(git);
    const tracking = branch ? `refs/remotes/origin/${branch}` : null;
    if (branch && tracking && (await resolveCommit(git, tracking))) {
      await git(['branch', `--set-upstream-to=origin/${branch}`, '--', branch]);
      return { url, remoteBranches: [...heads.keys()], upstream: `origin/${branch}` };
    }
    if (branch) await git(['branch', '--unset-upstream', '--', branch], { okExitCodes: [0, 1, 128] });
    return { url, remoteBranches: [...heads.keys()], upstream: null };
  });
}
