// A target's drift from what was deployed there: its current export against the deployed tree, fitted to the
// target's release the way the deploy imported it, object by object.
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { supersetRelease } from '../identity-api.ts';
import type { SupersetClient } from '../superset-client.ts';
import { targetTree } from './deploy-target.ts';
import { treeDrift, type TreeDrift } from './object-diff.ts';
import { fitTreeToRelease } from './release-warnings.ts';

/** Null when the target no longer has the dashboard. */
export async function targetDrift(
  client: SupersetClient,
  uuid: string,
  deployed: NormalizedTree,
): Promise<TreeDrift | null> {
  const [release, current] = await Promise.all([supersetRelease(client), targetTree(client, uuid)]);
  if (!current) return null;
  return treeDrift(fitTreeToRelease(deployed, release).tree, current);
}
