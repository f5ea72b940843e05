// The prefilled title and description of a pull request: from the branch's commits and what they change in the
// dashboard, by object name.
import type { CommitSummary, ObjectDifference } from '@superset-git/contracts';

/** An object a branch changes, by name (a database, chart, dataset or the dashboard; no other files). */
export type NamedObjectChange = Pick<ObjectDifference, 'change' | 'name'> & {
  type: Exclude<ObjectDifference['type'], 'other'>;
  /** What changes inside it, in words; none for an added or removed object. */
  summary?: string[];
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

/** "Dashboard 'Sales':" and each of its change lines as a list item, for every object with lines to say. */
export function detailLines(changes: NamedObjectChange[]): string[] {
  return TYPE_ORDER.flatMap((type) =>
    changes
      .filter((change) => change.type === type && change.summary?.length)
      .flatMap((change) => [
        `${TYPE_NAMES[type][0]} '${change.name}':`,
        ...change.summary!.map((line) => `- ${line}`),
      ]),
  );
}

export function draftBody(commits: CommitSummary[], changes: NamedObjectChange[]): string {
  const parts = [
    ['Commits:', ...commits.map((commit) => `- ${commit.oid.slice(0, 7)} ${commit.subject}`)].join('\n'),
  ];
  const lines = changeLines(changes);
  parts.push(lines.length ? lines.join('\n') : 'No dashboard objects change.');
  const details = detailLines(changes);
  if (details.length) parts.push(['What changes:', ...details].join('\n'));
  return `${parts.join('\n\n')}\n`;
}
