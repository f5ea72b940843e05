// `tag`: create (annotated when a message is given), list, look up, and push tags.
import type { GitTag } from '@superset-git/contracts';
import { GitError } from './git-error.ts';
import { remoteRun, type RemoteCallOptions } from './fetch.ts';
import { assertRefName, assertRevision, refNameProblem } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { refExists, remoteInfo, requireCommit } from './repo-state.ts';

export async function createTag(
  repo: Repo,
  options: { name: string; ref?: string; message?: string },
): Promise<GitTag> {
  const name = assertRefName(options.name, 'Tag name');
  const ref = assertRevision(options.ref ?? 'HEAD');
  return repo.write(async (git) => {
    if (await refExists(git, `refs/tags/${name}`))
      throw new GitError('GIT_TAG_EXISTS', `A tag named '${name}' already exists.`);
    const oid = await requireCommit(git, ref);
    const args = options.message ? ['tag', '--annotate', '--file=-'] : ['tag'];
    await git([...args, '--end-of-options', name, oid], { stdin: options.message ?? '' });
    return { name, oid, message: options.message ?? null, taggedAt: new Date().toISOString() };
  });
}

const FORMAT = [
  '%(refname:short)',
  '%(objectname)',
  '%(*objectname)',
  '%(objecttype)',
  '%(contents:subject)',
  '%(creatordate:iso-strict)',
].join('%1f');

export async function listTags(repo: Repo): Promise<GitTag[]> {
  return repo.read(async (git) => {
    const result = await git(['for-each-ref', '--sort=-creatordate', `--format=${FORMAT}%1e`, 'refs/tags']);
    return result.stdout
      .split('\x1e')
      .map((record) => record.replace(/^\n/, ''))
      .filter(Boolean)
      .map((record) => {
        const [name = '', oid = '', peeled = '', type = '', subject = '', date = ''] = record.split('\x1f');
        return { name, oid: peeled || oid, message: type === 'tag' ? subject : null, taggedAt: date };
      });
  });
}

/** Whether a tag of that name exists here; a name no tag could have is simply not one. */
export async function tagExists(repo: Repo, name: string): Promise<boolean> {
  if (refNameProblem(name)) return false;
  return repo.read((git) => refExists(git, `refs/tags/${name}`));
}

export async function pushTag(repo: Repo, options: RemoteCallOptions & { name: string }): Promise<void> {
  const name = assertRefName(options.name, 'Tag name');
  return repo.write(async (git) => {
    await requireCommit(git, `refs/tags/${name}`);
    const remote = await remoteInfo(git);
    const refspec = `refs/tags/${name}:refs/tags/${name}`;
    await git(['push', '--progress', '--porcelain', '--', remote.name, refspec], remoteRun(remote, options));
  });
}
