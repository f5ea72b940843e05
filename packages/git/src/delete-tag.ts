// `tag -d` and `push :refs/tags/…`: delete a tag here, keeping a backup ref, or on the remote.
import { keepDeletedTag } from './backup.ts';
import { remoteRun, type RemoteCallOptions } from './fetch.ts';
import { classifyGitFailure, GitError } from './git-error.ts';
import { assertRefName } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { refExists, remoteInfo } from './repo-state.ts';

interface DeleteTagResult {
  /** Where the deleted tag (its tag object, for an annotated one) stays reachable. */
  backupRef: string;
}

export async function deleteTag(repo: Repo, options: { name: string }): Promise<DeleteTagResult> {
  const name = assertRefName(options.name, 'Tag name');
  return repo.write(async (git) => {
    const ref = `refs/tags/${name}`;
    if (!(await refExists(git, ref)))
      throw new GitError('GIT_TAG_NOT_FOUND', `There is no tag named '${name}'.`);
    const target = (await git(['rev-parse', '--verify', '--end-of-options', ref])).stdout.trim();
    const backupRef = await keepDeletedTag(git, name, target);
    await git(['update-ref', '-d', '--', ref, target]);
    return { backupRef };
  });
}

/**
 * Deletes the tag on the remote (not here). A remote without that tag is no failure: what was asked for holds.
 * Needed because a pull fetches the remote's tags, which would bring back a tag deleted only here.
 */
export async function deleteRemoteTag(
  repo: Repo,
  options: RemoteCallOptions & { name: string },
): Promise<void> {
  const name = assertRefName(options.name, 'Tag name');
  return repo.write(async (git) => {
    const remote = await remoteInfo(git);
    const result = await git(['push', '--porcelain', '--', remote.name, `:refs/tags/${name}`], {
      ...remoteRun(remote, options),
      okExitCodes: [0, 1],
    });
    if (result.exitCode === 1 && !/remote ref does not exist/.test(result.stderr))
      throw classifyGitFailure(`${result.stderr}\n${result.stdout}`, 1, { verb: 'push', host: remote.host });
  });
}
