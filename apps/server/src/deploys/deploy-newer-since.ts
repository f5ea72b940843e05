// Since when a change on the target to an object a deploy overwrites is news: after this dashboard's last
// deploy there (superset-git wrote it then), or, before a first deploy, after the commit that last changed the
// object's file at the deployed commit.
import type { PlanItem } from '@superset-git/contracts';
import { lastChanges, type Repo } from '@superset-git/git';
import type { NewerSince } from '@superset-git/superset';
import type { DeploymentsStore } from './deployments.store.ts';

export async function newerSinceFor(
  deployments: DeploymentsStore,
  repo: Repo,
  target: { uuid: string; environmentId: number; sha: string },
): Promise<(item: PlanItem) => NewerSince | null> {
  // Newest first; a failed deploy and a rollback wrote the target too (they put a version back).
  const last = (await deployments.forDashboards(target.environmentId, [target.uuid])).find(
    (row) => row.state !== 'RUNNING' && row.finishedAt,
  );
  if (last?.finishedAt) {
    const at = Date.parse(last.finishedAt);
    return () => ({ at, what: "this dashboard's last deploy there" });
  }
  // A commit's time has whole seconds, so a change on the target within that same second may have come before
  // or after it: it counts as newer, since a warning too many costs less than an overwrite nobody saw coming.
  const commits = new Map(
    (await lastChanges(repo, { ref: target.sha })).map((change) => [
      change.path,
      Date.parse(change.commit.authoredAt),
    ]),
  );
  return (item) => {
    const at = commits.get(item.path);
    return at === undefined ? null : { at, what: 'the commit that last changed it in the repository' };
  };
}
