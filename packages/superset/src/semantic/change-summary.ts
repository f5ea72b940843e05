// What an edit means, in a BI developer's words, beside the raw diff: "metric changed SUM(amount) →
// AVG(amount)", "2 filters added", "chart 'Orders' added to the dashboard". Compares the two parsed versions of
// one object's file; anything not named specifically is reported by its key.
import { objectTypeOfPath } from '../repo-layout/repo-paths.ts';
import { fromYaml } from '../bundle/yaml-text.ts';
import { chartChanges } from './chart-changes.ts';
import { dashboardChanges } from './dashboard-changes.ts';
import { datasetChanges } from './dataset-changes.ts';
import type { NameLookup } from './names.ts';
import { otherKeys, same, show, type Value } from './values.ts';

/** Identical lines said once, with how often: "'A' height 50 → 60" twice is one edit to read. */
function collapsed(lines: string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return [...counts].map(([line, count]) => (count > 1 ? `${line} (${count} times)` : line));
}

function databaseChanges(before: Value, after: Value): string[] {
  const lines: string[] = [];
  if (!same(before.database_name, after.database_name))
    lines.push(`renamed ${show(before.database_name)} → ${show(after.database_name)}`);
  if (!same(before.sqlalchemy_uri, after.sqlalchemy_uri)) lines.push('connection URI changed');
  return [...lines, ...otherKeys(before, after, ['database_name', 'sqlalchemy_uri', 'uuid'])];
}

/**
 * The meaningful changes between two versions of a bundle file (null: the file does not exist on that side).
 * An added or removed file, or one that does not parse, gets no lines: its change type says it all. Every change
 * gets a line (none is cut off: a long list is the reader's to fold); `names` names the charts and datasets a
 * dashboard refers to by uuid when its own layout does not.
 */
export function summarizeChange(
  path: string,
  before: string | null,
  after: string | null,
  names?: NameLookup,
): string[] {
  if (before === null || after === null || before === after) return [];
  let old: Value;
  let now: Value;
  try {
    old = fromYaml(before, path);
    now = fromYaml(after, path);
  } catch {
    return [];
  }
  const type = objectTypeOfPath(path);
  const lines: string[] =
    type === 'chart'
      ? chartChanges(old, now)
      : type === 'dashboard'
        ? dashboardChanges(old, now, names)
        : type === 'dataset'
          ? datasetChanges(old, now)
          : type === 'database'
            ? databaseChanges(old, now)
            : otherKeys(old, now, []);
  return collapsed(lines);
}
