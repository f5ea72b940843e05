// `merge`: another branch into the current one. Fast-forward when possible, a merge commit otherwise, and on
// conflicts the list of conflicted files; a merge that fails for any other reason is rolled back.
import type { GitPerson, MergeResult } from '@superset-git/contracts';
import { authorEnv } from './author.ts';
import { listConflicts } from './conflicts.ts';
import { classifyGitFailure, GitError } from './git-error.ts';
import { assertRevision } from './input-validation.ts';
import type { Git, Repo } from './repo.ts';
import { mergeInMemory } from './merge-in-memory.ts';
import { resolveBranchInProcess } from './ref-files.ts';
import { branchOfHead, headCommit, isMerging, requireCommit, requireCommits } from './repo-state.ts';
import { settleConflicts, unmergedFiles, type FileMerger } from './settle-conflicts.ts';

interface MergeOptions {
  /** Branch, tag or commit to merge into the current branch. */
  from: string;
  author: GitPerson;
  message?: string;
  /** Merges the files git's line merge left conflicted (a structural merge); none leaves them to a person. */
  mergeFile?: FileMerger;
}

/** The merge itself, for verbs that already hold the repository's write slot (pull). */
export async function mergeWithin(git: Git, repo: Repo, options: MergeOptions): Promise<MergeResult> {
  if (isMerging(repo))
    throw new GitError('GIT_MERGE_CONFLICT', 'A merge is already in progress; finish or abort it first.');
  const branch = branchOfHead(repo);
  if (!branch)
    throw new GitError('GIT_DETACHED_HEAD', 'HEAD is not on a branch; switch to a branch to merge into it.');
  // Few processes: a structural merge is measured against a plain `git merge` (bench/merge.bench.ts).
  const known = commitsInProcess(repo, branch, options.from);
  const [before, theirs] = known
    ? [known.head, known.theirs]
    : await requireCommits(git, ['HEAD', options.from]);
  const message = options.message ?? (known ? mergeMessage(known.ref, branch) : undefined);
  let mergeFile = options.mergeFile;
  if (mergeFile && message) {
    const attempt = await mergeInMemory(git, repo, {
      head: before!,
      theirs: theirs!,
      message,
      author: options.author,
      mergeFile,
    });
    if (attempt.commit !== null) {
      // Branch, index and work tree move to the merge commit together, and local edits in the way refuse it
      // (`reset --keep`: a fast-forward `merge` would also start `git maintenance`, a process more).
      await moveToCommit(git, attempt.commit);
      return { outcome: 'merged', head: attempt.commit, conflicts: [] };
    }
    mergeFile = attempt.mergeFile;
  }
  const args = ['merge', '--no-edit', '--no-verify', '--no-stat'];
  if (message) args.push('-m', message);
  const result = await git([...args, '--end-of-options', theirs!], {
    okExitCodes: [0, 1],
    env: authorEnv(options.author),
  });
  if (result.exitCode === 1) {
    // With a merger, the unmerged files and their stages come from one call (no status of the work tree).
    const unmerged = isMerging(repo) && mergeFile ? await unmergedFiles(git) : [];
    const found = !isMerging(repo) ? [] : mergeFile ? unmerged : await listConflicts(git);
    const conflicts =
      found.length > 0 && mergeFile ? await settleConflicts(git, repo, unmerged, mergeFile, false) : found;
    const left = new Set(conflicts.map((file) => file.path));
    const merged = found.map((file) => file.path).filter((file) => !left.has(file));
    if (conflicts.length > 0) {
      if (merged.length > 0) await git(['add', '--', ...merged]);
      return { outcome: 'conflicts', head: before!, conflicts };
    }
    if (found.length > 0) {
      // Every conflict merged: committed (the merged files staged by the same call) as git would have
      // committed a clean merge, with the same message.
      await git(
        ['commit', '--quiet', '--no-verify', '--no-edit', '--cleanup=strip', '--include', '--', ...merged],
        {
          env: authorEnv(options.author),
        },
      );
      return { outcome: 'merged', head: await headCommit(git, repo), conflicts: [] };
    }
    // Not a conflict: put everything back as it was and report why.
    if (isMerging(repo)) await git(['merge', '--abort'], { okExitCodes: [0, 128] });
    throw classifyGitFailure(`${result.stderr}\n${result.stdout}`, 1, { verb: 'merge', host: null });
  }
  const head = await headCommit(git, repo);
  const outcome = head === before ? 'up-to-date' : head === theirs ? 'fast-forward' : 'merged';
  return { outcome, head, conflicts: [] };
}

/**
 * `reset --keep` trusts the index's file times; after a copy or a checkout elsewhere they are stale and it would
 * call clean files changed: the index is refreshed (a process only then) and it is tried once more.
 */
async function moveToCommit(git: Git, commit: string): Promise<void> {
  const reset = () => git(['reset', '--keep', '--quiet', commit]);
  try {
    await reset();
  } catch (error) {
    if (!(error instanceof GitError) || error.code !== 'GIT_DIRTY_WORK_TREE') throw error;
    await git(['update-index', '-q', '--refresh'], { okExitCodes: [0, 1] });
    await reset();
  }
}

/** HEAD's and a branch's commits read from `.git`, when `from` names a branch; null sends the caller to git. */
function commitsInProcess(
  repo: Repo,
  branch: string,
  from: string,
): { head: string; theirs: string; ref: string } | null {
  const head = resolveBranchInProcess(repo, `refs/heads/${branch}`);
  const theirs = head ? resolveBranchInProcess(repo, from) : null;
  return head && theirs ? { head: head.oid, theirs: theirs.oid, ref: theirs.ref } : null;
}

/** git's own message for merging a branch: "into <branch>" unless that is main or master. */
function mergeMessage(ref: string, into: string): string | undefined {
  const target = ['main', 'master'].includes(into) ? '' : ` into ${into}`;
  if (ref.startsWith('refs/heads/')) return `Merge branch '${ref.slice('refs/heads/'.length)}'${target}`;
  if (ref.startsWith('refs/remotes/'))
    return `Merge remote-tracking branch '${ref.slice('refs/remotes/'.length)}'${target}`;
  return undefined;
}

export async function merge(repo: Repo, options: MergeOptions): Promise<MergeResult> {
  assertRevision(options.from);
  return repo.write((git) => mergeWithin(git, repo, options));
}

export async function abortMerge(repo: Repo): Promise<void> {
  return repo.write(async (git) => {
    if (!isMerging(repo)) throw new GitError('GIT_NOT_MERGING', 'No merge is in progress.');
    await git(['merge', '--abort']);
  });
}

/** Commits a merge whose conflicts are all resolved. */
export async function continueMerge(
  repo: Repo,
  options: { author: GitPerson; message?: string },
): Promise<string> {
  return repo.write(async (git) => {
    if (!isMerging(repo)) throw new GitError('GIT_NOT_MERGING', 'No merge is in progress.');
    const left = await listConflicts(git);
    if (left.length > 0) {
      throw new GitError(
        'GIT_MERGE_CONFLICT',
        `${left.length} file(s) still have conflicts; resolve them first.`,
        {
          details: Object.fromEntries(left.map((file) => [file.path, file.kind])),
        },
      );
    }
    const args = ['commit', '--quiet', '--no-verify'];
    await git(options.message ? [...args, '--file=-'] : [...args, '--no-edit'], {
      stdin: options.message ?? '',
      env: authorEnv(options.author),
    });
    return requireCommit(git, 'HEAD');
  });
}
