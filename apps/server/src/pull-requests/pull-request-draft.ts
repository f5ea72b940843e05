// The prefilled title and description of a pull request: from the branch's commits and what they change in the
// dashboard, by object name.
import type { CommitSummary, ObjectDifference } from '@superset-git/contracts';

/** An object a branch changes, by name (a database, chart, dataset or the dashboard; no other files). */
export type NamedObjectChange = Pick<ObjectDifference, 'change' | 'name'> & {
  type: Exclude<ObjectDifference['type'], 'other'>;
};

const TYPE_NAMES: Record<NamedObjectChange['type'], [string, string]> = {
  dashboard: ['Dashboard', 'Dashboards'],
  chart: ['Chart', 'Charts'],
  dataset: ['Dataset', 'Datasets'],
  database: ['Database', 'Databases'],
};
const TYPE_ORDER: NamedObjectChange['type'][] = ['dashboard', 'chart', 'dataset', 'database'];
const CHANGE_ORDER: NamedObjectChange['change'][] = ['changed', 'added', 'removed'];

/** "restyle-orders" → "Restyle orders"; a folder-like prefix ("feature/") is left out. */
export function readableBranch(branch: string): string {
  const words = (branch.split('/').pop() || branch).replace(/[-_.]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : branch;
}

/** The objects a description names: everything but files that are no object. */
export const namedChanges = (differences: ObjectDifference[]): NamedObjectChange[] =>
  differences.filter(
    (difference): difference is NamedObjectChange & ObjectDifference => difference.type !== 'other',
  );

export function draftTitle(branch: string, commits: CommitSummary[]): string {
  return commits.length === 1 ? commits[0]!.subject : readableBranch(branch);
}

/** "Charts changed: Orders by month, Revenue" — one line per kind of object and change. */
export function changeLines(changes: NamedObjectChange[]): string[] {
  const lines: string[] = [];
  for (const type of TYPE_ORDER)
    for (const change of CHANGE_ORDER) {
      const names = changes.filter((c) => c.type === type && c.change === change).map((c) => c.name);
      if (!names.length) continue;
      const [one, many] = TYPE_NAMES[type];
      lines.push(`${names.length === 1 ? one : many} ${change}: ${names.join(', ')}`);
    }
  return lines;
}

export function draftBody(commits: CommitSummary[], changes: NamedObjectChange[]): string {
  const parts = [
    ['Commits:', ...commits.map((commit) => `- ${commit.oid.slice(0, 7)} ${commit.subject}`)].join('\n'),
  ];
  const lines = changeLines(changes);
  parts.push(lines.length ? lines.join('\n') : 'No dashboard objects change.');
  return `${parts.join('\n\n')}\n`;
}
