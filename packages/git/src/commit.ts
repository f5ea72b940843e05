// `commit`: what is staged, authored by the superset-git user who asked for it.
import type { GitPerson } from '@superset-git/contracts';
import { authorEnv } from './author.ts';
import { GitError } from './git-error.ts';
import type { Repo } from './repo.ts';
import { isMerging } from './repo-state.ts';

export interface CommitOptions {
  message: string;
  author: GitPerson;
}

/** Commits the index and returns the new commit id. */
export async function commit(repo: Repo, options: CommitOptions): Promise<string> {
  const message = options.message.trim();
  if (!message) return Promise.reject(new GitError('GIT_FAILED', 'Write a commit message.'));
  return repo.write(async (git) => {
    const staged = await git(['diff', '--cached', '--quiet'], { okExitCodes: [0, 1, 128] });
    if (staged.exitCode === 0 && !isMerging(repo)) {
      throw new GitError('GIT_NOTHING_TO_COMMIT', 'Nothing to commit: stage changes first.');
    }
    const unmerged = await git(['diff', '--name-only', '--diff-filter=U', '-z']);
    if (unmerged.stdout.length > 0) {
      throw new GitError('GIT_MERGE_CONFLICT', 'Resolve every conflicted file before committing.');
    }
    await git(['commit', '--quiet', '--no-verify', '--file=-'], {
      stdin: message,
      env: authorEnv(options.author),
    });
    return (await git(['rev-parse', 'HEAD'])).stdout.trim();
  });
}
