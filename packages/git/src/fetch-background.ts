// `fetchInBackground`: the remote's branches fetched so ahead/behind counts are true without a pull. The network
// part holds no turn of the repository's queue (it writes only objects and refs of its own, which nothing else
// touches), so a status, a commit or a pull never waits for a slow git server; the remote-tracking branches then
// move in one short write, which also tells cached statuses they are stale.
import type { GitCredentials } from './credentials.ts';
import { remoteRun } from './fetch.ts';
import { runGit } from './git-runner.ts';
import type { Git, Repo } from './repo.ts';
import { remoteInfo, type RemoteInfo } from './repo-state.ts';

const STAGING = 'refs/superset-git/fetched';

async function refsUnder(git: Git, prefix: string): Promise<Map<string, string>> {
  const listing = await git(['for-each-ref', '--format=%(objectname) %(refname)', prefix]);
  const refs = new Map<string, string>();
  for (const line of listing.stdout.split('\n')) {
    const [oid, ref] = line.split(' ');
    if (oid && ref && !ref.endsWith('/HEAD')) refs.set(ref.slice(prefix.length), oid);
  }
  return refs;
}

export async function fetchInBackground(
  repo: Repo,
  options: { credentials?: GitCredentials | null; timeoutMs?: number } = {},
): Promise<RemoteInfo & { moved: boolean }> {
  const { remote, before } = await repo.read(async (git) => {
    const info = await remoteInfo(git);
    return { remote: info, before: await refsUnder(git, `refs/remotes/${info.name}/`) };
  });
  const tracking = `refs/remotes/${remote.name}/`;
  const staged = `${STAGING}/${remote.name}/`;
  await runGit(
    [
      'fetch',
      '--quiet',
      '--no-tags',
      '--prune',
      '--no-write-fetch-head',
      // No opportunistic update of refs/remotes/*: those move only in the write below.
      '--refmap=',
      '--',
      remote.name,
      `+refs/heads/*:${staged}*`,
    ],
    { cwd: repo.path, ...remoteRun(remote, options) },
  );
  const moved = await repo.write(async (git) => {
    const fetched = await refsUnder(git, staged);
    // Compare-and-swap against what the branches were before the network part: a push or a pull that moved
    // one meanwhile knows better, and the whole update is then left to the next fetch.
    const commands: string[] = [];
    for (const [branch, oid] of fetched) {
      const old = before.get(branch);
      if (old === undefined) commands.push(`create ${tracking}${branch} ${oid}`);
      else if (old !== oid) commands.push(`update ${tracking}${branch} ${oid} ${old}`);
    }
    for (const [branch, old] of before)
      if (!fetched.has(branch)) commands.push(`delete ${tracking}${branch} ${old}`);
    if (commands.length === 0) return false;
    const result = await git(['update-ref', '--stdin'], {
      stdin: `${commands.join('\n')}\n`,
      okExitCodes: [0, 128],
    });
    return result.exitCode === 0;
  });
  return { ...remote, moved };
}
