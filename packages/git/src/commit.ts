// `commit`: what is staged (or what it stages itself), committed by the superset-git user who asked for it and
// authored by them or by whoever made the change (a Superset user, for edits a sync brought in).
import type { GitPerson } from '@superset-git/contracts';
import { authorEnv } from './author.ts';
import { GitError } from './git-error.ts';
import type { Repo } from './repo.ts';
import { isMerging } from './repo-state.ts';
import { pathspec, stageIn, type PathSelection } from './stage.ts';

interface CommitOptions {
  message: string;
  author: GitPerson;
  /** Who records the commit; the author when left out. */
  committer?: GitPerson;
  /**
   * Stage these first ('all': every change), in the same write: no other write (a sync, another commit) comes
   * between the two, and a busy repository is waited for once, not twice.
   */
  stage?: PathSelection;
}

/** Commits the index and returns the new commit id. */
export async function commit(repo: Repo, options: CommitOptions): Promise<string> {
  const message = options.message.trim();
  if (!message) {
    const details = { message: 'Write a commit message' };
    return Promise.reject(new GitError('VALIDATION', 'Write a commit message.', { details }));
  }
  const toStage = options.stage === undefined ? [] : pathspec(options.stage);
  return repo.write(async (git) => {
    await stageIn(git, toStage);
    // One process tells both whether anything is staged and whether a conflict is left (status U).
    const staged = (await git(['diff', '--cached', '--name-status', '--no-renames', '-z'])).stdout
      .split('\0')
      .filter((_, index) => index % 2 === 0)
      .filter(Boolean);
    if (staged.length === 0 && !isMerging(repo)) {
      throw new GitError('GIT_NOTHING_TO_COMMIT', 'Nothing to commit: stage changes first.');
    }
    if (staged.includes('U')) {
      throw new GitError('GIT_MERGE_CONFLICT', 'Resolve every conflicted file before committing.');
    }
    await git(['commit', '--quiet', '--no-verify', '--file=-'], {
      stdin: message,
      env: authorEnv(options.author, options.committer),
    });
    return (await git(['rev-parse', 'HEAD'])).stdout.trim();
  });
}
