// A commit of given files onto a new branch, built with plumbing in a private index (`read-tree`, `hash-object`,
// `update-index`, `write-tree`, `commit-tree`, `update-ref`): the current branch, the index and the work tree are
// never touched.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GitPerson } from '@superset-git/contracts';
import { authorEnv } from './author.ts';
import { GitError } from './git-error.ts';
import { assertRefName, assertRepoPath, assertRevision } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { refExists, requireCommit } from './repo-state.ts';

export interface CommitOnNewBranch {
  branch: string;
  /** The branch starts here; its commit's parent. */
  from: string;
  /** Paths of `from` to leave out first (e.g. every file a sync owns), then `files` are written. */
  drop: (path: string) => boolean;
  files: ReadonlyMap<string, string>;
  message: string;
  author: GitPerson;
  committer?: GitPerson;
}

/** Answers the new commit. */
export async function commitOnNewBranch(repo: Repo, options: CommitOnNewBranch): Promise<string> {
  const branch = assertRefName(options.branch);
  const from = assertRevision(options.from);
  for (const file of options.files.keys()) assertRepoPath(file);
  const indexFile = path.join(os.tmpdir(), `superset-git-index-${crypto.randomUUID()}`);
  const env = { GIT_INDEX_FILE: indexFile };
  return repo.write(async (git) => {
    if (await refExists(git, `refs/heads/${branch}`))
      throw new GitError('GIT_BRANCH_EXISTS', `A branch named '${branch}' already exists.`);
    const parent = await requireCommit(git, from);
    try {
      await git(['read-tree', parent], { env });
      const listed = (await git(['ls-files', '-z'], { env })).stdout.split('\0').filter(Boolean);
      const dropped = listed.filter(options.drop);
      if (dropped.length)
        await git(['update-index', '--force-remove', '-z', '--stdin'], {
          env,
          stdin: `${dropped.join('\0')}\0`,
        });
      const entries: string[] = [];
      for (const [file, text] of options.files) {
        const oid = (await git(['hash-object', '-w', '--stdin'], { stdin: text })).stdout.trim();
        entries.push(`100644 ${oid}\t${file}`);
      }
      if (entries.length)
        await git(['update-index', '--add', '-z', '--index-info'], { env, stdin: `${entries.join('\0')}\0` });
      const tree = (await git(['write-tree'], { env })).stdout.trim();
      const commit = (
        await git(['commit-tree', tree, '-p', parent, '-F', '-'], {
          stdin: options.message,
          env: authorEnv(options.author, options.committer ?? options.author),
        })
      ).stdout.trim();
      // Created only if it still does not exist (the all-zero old value).
      await git(['update-ref', `refs/heads/${branch}`, commit, '0'.repeat(40)]);
      return commit;
    } finally {
      fs.rmSync(indexFile, { force: true });
    }
  });
}
