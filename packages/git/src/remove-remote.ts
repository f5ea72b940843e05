// `remote remove`: forget the remote and its remote-tracking branches; the local branches and history stay.
import type { Repo } from './repo.ts';

export async function removeRemote(repo: Repo, name = 'origin'): Promise<boolean> {
  return repo.write(async (git) => {
    const result = await git(['remote', 'remove', '--', name], { okExitCodes: [0, 2, 128] });
    return result.exitCode === 0;
  });
}
