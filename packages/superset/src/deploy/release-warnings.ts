// A tree fitted to the target's release before it is planned and imported, and what that leaves out, said per
// object in the plan's warnings (a theme, dataset folders, a currency column… that an older Superset cannot hold).
import type { DeployProblem } from '@superset-git/contracts';
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { fromYaml, type Json } from '../bundle/yaml-text.ts';
import { fitFiles, type DroppedField } from '../versions/fit-to-release.ts';
import { importFieldsOf, SUPPORTED_RELEASES, type SupersetRelease } from '../versions/superset-release.ts';

type Obj = { [key: string]: Json };

/** `columns[3].datetime_format` → `column 'order_date': datetime_format`, naming list items as Superset does. */
function describe(field: string, value: Obj): string {
  const match = field.match(/^(columns|metrics)\[(\d+)\]\.(.+)$/);
  if (!match) return field;
  const item = (value[match[1]!] as Json[] | undefined)?.[Number(match[2])] as Obj | undefined;
  const name = item?.[match[1] === 'columns' ? 'column_name' : 'metric_name'];
  return `${match[1] === 'columns' ? 'column' : 'metric'} ${typeof name === 'string' ? `'${name}'` : match[2]}: ${match[3]}`;
}

function warningsOf(
  tree: NormalizedTree,
  dropped: DroppedField[],
  release: SupersetRelease,
): DeployProblem[] {
  const byPath = new Map<string, DroppedField[]>();
  for (const field of dropped)
    if (field.lost) byPath.set(field.path, [...(byPath.get(field.path) ?? []), field]);
  const version = release.version ?? release.line;
  return [...byPath].map(([path, fields]) => {
    const value = fromYaml(tree.get(path)!, path);
    const first = fields[0]!;
    const object = first.name ? `${first.objectType} '${first.name}'` : first.objectType;
    return {
      path,
      message: `Superset ${version} cannot hold ${fields.map((field) => describe(field.field, value)).join(', ')} of ${object}: left out of the import.`,
    };
  });
}

export function fitTreeToRelease(
  tree: NormalizedTree,
  release: SupersetRelease,
): { tree: NormalizedTree; warnings: DeployProblem[] } {
  const { files, dropped } = fitFiles(tree, importFieldsOf(release));
  const warnings = warningsOf(tree, dropped, release);
  if (release.unsupported)
    warnings.unshift({
      path: null,
      message: `The target runs Superset ${release.version}, older than the releases superset-git supports (${SUPPORTED_RELEASES.join(', ')}); it is deployed to as ${release.line}.`,
    });
  return { tree: files, warnings };
}
