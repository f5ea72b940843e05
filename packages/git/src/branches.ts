// `branch --list`: local and remote branches with their last commit and where they stand against upstream.
import type { GitBranch } from '@superset-git/contracts';
import type { Repo } from './repo.ts';

const FORMAT = [
  '%(refname)',
  '%(refname:short)',
  '%(HEAD)',
  '%(upstream:short)',
  '%(upstream:track,nobracket)',
  '%(objectname)',
  '%(authorname)',
  '%(authoremail:trim)',
  '%(authordate:iso-strict)',
  '%(contents:subject)',
].join('%1f');

function parseBranches(output: string): GitBranch[] {
  const branches: GitBranch[] = [];
  for (const record of output.split('\x1e')) {
    const line = record.replace(/^\n/, '');
    if (!line) continue;
    const [
      ref = '',
      short = '',
      head = '',
      upstream = '',
      track = '',
      oid = '',
      name = '',
      email = '',
      date = '',
      subject = '',
    ] = line.split('\x1f');
    // `origin/HEAD` is an alias, not a branch.
    if (ref.startsWith('refs/remotes/') && ref.endsWith('/HEAD')) continue;
    branches.push({
      name: short,
      kind: ref.startsWith('refs/heads/') ? 'local' : 'remote',
      current: head === '*',
      upstream: upstream || null,
      ahead: Number(track.match(/ahead (\d+)/)?.[1] ?? 0),
      behind: Number(track.match(/behind (\d+)/)?.[1] ?? 0),
      lastCommit: { oid, subject, author: { name, email }, authoredAt: date },
    });
  }
  return branches;
}

export async function listBranches(repo: Repo): Promise<GitBranch[]> {
  return repo.read(async (git) => {
    const result = await git(['for-each-ref', `--format=${FORMAT}%1e`, 'refs/heads', 'refs/remotes']);
    return parseBranches(result.stdout);
  });
}
