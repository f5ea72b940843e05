// Objects the target changed after the version being deployed was made: someone edited them there, or another
// dashboard's deploy overwrote them. Deploying overwrites that change, so the plan says so, naming who and when.
import type { PlanItem } from '@superset-git/contracts';
import { lastEditors } from '../last-editors-api.ts';
import type { SupersetClient } from '../superset-client.ts';
import type { DeployProblem } from './deploy-checks.ts';
import { supersetTime } from './target-edits.ts';

/** Since when the target's version of an object counts as newer, and what that moment was. */
export interface NewerSince {
  /** Milliseconds since the epoch. */
  at: number;
  /** "this dashboard's last deploy", "the commit that last changed it". */
  what: string;
}

const when = (ms: number) =>
  `${new Date(ms).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  })} UTC`.replace(',', '');

/** One warning per updated or deleted chart and dataset the target changed after `since` gives for it. */
export async function newerOnTarget(
  client: SupersetClient,
  items: PlanItem[],
  since: (item: PlanItem) => NewerSince | null,
  targetName: string,
): Promise<DeployProblem[]> {
  const reached = items.filter(
    (item) =>
      (item.objectType === 'chart' || item.objectType === 'dataset') &&
      (item.action === 'update' || item.action === 'delete-on-target'),
  );
  if (reached.length === 0) return [];
  const editors = await lastEditors(
    client,
    reached.map((item) => ({ kind: item.objectType as 'chart' | 'dataset', uuid: item.uuid })),
  );
  const warnings: DeployProblem[] = [];
  for (const item of reached) {
    const editor = editors.get(item.uuid);
    const limit = since(item);
    if (!editor?.changedAt || !limit) continue;
    const changed = supersetTime(editor.changedAt);
    if (!(changed > limit.at)) continue;
    const verb = item.action === 'update' ? 'overwrites' : 'deletes';
    warnings.push({
      path: item.path,
      message: `${item.objectType} '${item.name ?? item.uuid}' was changed on ${targetName} on ${when(changed)} by ${editor.name}, after ${limit.what}; deploying ${verb} it.`,
    });
  }
  return warnings;
}
