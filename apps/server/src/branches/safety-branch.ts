// Uncommitted edits set aside on a new safety/<UTC time> branch, committed as the user, with the branch they
// were made on recorded as a `Taken-from:` trailer so the Recover panel can say where they came from.
import type { User } from '@superset-git/contracts';
import { commit, createBranch, GitError, status, switchBranch, type Repo } from '@superset-git/git';
import { authorOf } from '../dashboard-repos/dashboard-repos.service.ts';

export const TAKEN_FROM = 'Taken-from';

/** The branch a safety commit's message says its edits were made on; null when it does not say. */
export function takenFromOf(body: string): string | null {
  return new RegExp(`^${TAKEN_FROM}: (.+)$`, 'm').exec(body)?.[1]?.trim() ?? null;
}

/**
 * Commits the work tree's uncommitted changes on a new safety branch and answers its name. With `stay`, the work
 * tree is left on it (a switch moves on from there); otherwise it goes back to the branch it was on, clean.
 */
export async function keepOnSafetyBranch(
  repo: Repo,
  options: { reason: string; user: User; stay?: boolean },
): Promise<string> {
  const from = (await status(repo)).branch;
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  let name = `safety/${stamp}`;
  // Two in the same second (an apply right after a switch) get a suffix rather than fail.
  for (let attempt = 2; ; attempt++) {
    try {
      await createBranch(repo, { name });
      break;
    } catch (error) {
      if (!(error instanceof GitError) || error.code !== 'GIT_BRANCH_EXISTS' || attempt > 9) throw error;
      name = `safety/${stamp}-${attempt}`;
    }
  }
  await switchBranch(repo, { name, changes: 'carry' });
  await commit(repo, {
    message: `${options.reason}${from ? `\n\n${TAKEN_FROM}: ${from}` : ''}`,
    author: authorOf(options.user),
    stage: 'all',
  });
  if (!options.stay && from) await switchBranch(repo, { name: from });
  return name;
}
