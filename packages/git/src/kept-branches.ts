// `for-each-ref` over the branches superset-git keeps for people to bring back: safety branches (uncommitted edits
// set aside by a switch, under refs/heads/safety/) and the backups of deleted branches, newest first.
import type { GitPerson } from '@superset-git/contracts';
import type { Git, Repo } from './repo.ts';

export const SAFETY_PREFIX = 'safety/';
export const DELETED_BRANCHES = 'refs/superset-git/deleted-branches/';

export interface KeptBranch {
  /** The branch's name: `safety/…`, or the name a deleted branch had. */
  name: string;
  oid: string;
  /** The commit the branch was taken from (a safety branch's only commit sits on it). */
  parent: string | null;
  subject: string;
  body: string;
  author: GitPerson;
  authoredAt: string;
}

const FORMAT = [
  '%(refname)',
  '%(objectname)',
  '%(parent)',
  '%(authorname)',
  '%(authoremail:trim)',
  '%(authordate:iso-strict)',
  '%(contents:subject)',
  '%(contents:body)',
].join('%1f');

function parseKept(output: string, prefix: string): KeptBranch[] {
  return output
    .split('\x1e')
    .map((record) => record.replace(/^\n/, ''))
    .filter(Boolean)
    .map((record) => {
      const [ref = '', oid = '', parents = '', name = '', email = '', date = '', subject = '', ...body] =
        record.split('\x1f');
      return {
        name: ref.slice(prefix.length),
        oid,
        parent: parents.split(' ')[0] || null,
        subject,
        body: body.join('\x1f').trim(),
        author: { name, email },
        authoredAt: date,
      };
    });
}

async function keptUnder(git: Git, prefix: string, strip: string): Promise<KeptBranch[]> {
  const result = await git(['for-each-ref', '--sort=-creatordate', `--format=${FORMAT}%1e`, prefix]);
  return parseKept(result.stdout, strip);
}

/** Safety branches, newest first. */
export function listSafetyBranches(repo: Repo): Promise<KeptBranch[]> {
  return repo.read((git) => keptUnder(git, `refs/heads/${SAFETY_PREFIX}`, 'refs/heads/'));
}

/**
 * Deleted branches whose backup is kept, newest first, with how many of their commits no branch has now and
 * where they left the current branch (null when they share no history).
 */
export function listDeletedBranches(
  repo: Repo,
): Promise<(KeptBranch & { unmergedCommits: number; base: string | null })[]> {
  return repo.read(async (git) => {
    const kept = await keptUnder(git, DELETED_BRANCHES, DELETED_BRANCHES);
    return Promise.all(
      kept.map(async (branch) => {
        const count = await git(['rev-list', '--count', branch.oid, '--not', '--branches']);
        const base = await git(['merge-base', 'HEAD', branch.oid], { okExitCodes: [0, 1, 128] });
        return {
          ...branch,
          unmergedCommits: Number(count.stdout.trim()),
          base: base.exitCode === 0 ? base.stdout.trim() : null,
        };
      }),
    );
  });
}
