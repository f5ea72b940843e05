// The structural three-way merge of one repository file: the normalized YAML a sync writes, merged object by
// object and field by field (value-merge.ts), written back the way a sync writes it, with conflict markers only
// around the fields both sides changed differently. A file that is not such YAML is left to a text merge.
import type { ObjectType } from '@superset-git/contracts';
import { fromYaml, toYaml, type Json } from '../bundle/yaml-text.ts';
import { NAME_KEY, objectTypeOfPath } from '../repo-layout/repo-paths.ts';
import { withConflictMarkers } from './conflict-markers.ts';
import { mergeFieldHunks } from './hunk-merge.ts';
import { mergeValues, type FieldChoice, type FieldConflict } from './value-merge.ts';

export interface MergedObject {
  type: ObjectType;
  uuid: string | null;
  /** slice_name, table_name, dashboard_title or database_name; null for other files. */
  name: string | null;
}

export type YamlMergeResult =
  | {
      kind: 'merged';
      /** The merged file; with conflict markers around each conflicting field when `conflicts` is not empty. */
      text: string;
      conflicts: FieldConflict[];
      object: MergedObject;
    }
  /** Not YAML, does not parse, or gone on one side: only a text merge can help. */
  | { kind: 'text'; reason: string };

export interface YamlMergeInput {
  path: string;
  /** null when the file did not exist in the common ancestor. */
  base: string | null;
  mine: string | null;
  theirs: string | null;
  /** git's own merge of the three with diff3 conflict markers, when at hand: neighbouring fields merge from it. */
  marked?: string | null;
  /** Settled conflicts, by field path (`FieldConflict.path`). */
  choices?: ReadonlyMap<string, FieldChoice>;
}

/** Named as the merge has it, or as mine has it when the name itself is in conflict. */
function objectOf(path: string, stem: string, ...documents: Record<string, Json>[]): MergedObject {
  const type = objectTypeOfPath(path);
  const pick = (key: string) => {
    const found = documents
      .map((document) => document[key])
      .find((value) => typeof value === 'string' && !value.startsWith(stem));
    return typeof found === 'string' ? found : null;
  };
  return { type, uuid: pick('uuid'), name: type === 'other' ? null : pick(NAME_KEY[type]) };
}

/** A plain scalar any YAML reader takes for this very string: a uuid, or words that are no number or keyword. */
const PLAIN_STRING =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z][\w ().,/-]*[\w).])$/;
const KEYWORD = /^(?:y|yes|n|no|true|false|on|off|null)$/i;

/** The object a merged file holds, from its top-level `uuid` and name lines alone. */
function objectOfText(path: string, text: string): MergedObject {
  const type = objectTypeOfPath(path);
  const lines = text.split('\n');
  const top = (key: string) => {
    const line = lines.find((candidate) => candidate.startsWith(`${key}: `));
    if (!line) return null;
    const raw = line.slice(key.length + 2);
    // Parsing one line with js-yaml costs more than the rest of the quick merge; a plain string needs none.
    const value = PLAIN_STRING.test(raw) && !KEYWORD.test(raw) ? raw : fromYaml(line, path)[key];
    return typeof value === 'string' ? value : null;
  };
  return { type, uuid: top('uuid'), name: type === 'other' ? null : top(NAME_KEY[type]) };
}

/** A placeholder stem no side's text holds, so it can only be found where the merge put it. */
function placeholderStem(...texts: string[]): string {
  let stem = '__superset_git_conflict_';
  while (texts.some((text) => text.includes(stem))) stem += 'x_';
  return stem;
}

export function mergeYamlFile(input: YamlMergeInput): YamlMergeResult {
  if (!input.path.endsWith('.yaml')) return { kind: 'text', reason: 'not a YAML file' };
  // First, and reading none of the three versions (a caller may read them only when asked): git's own merge.
  if (input.marked && !input.choices) {
    const text = mergeFieldHunks(input.marked);
    if (text !== null) return { kind: 'merged', text, conflicts: [], object: objectOfText(input.path, text) };
  }
  if (input.mine === null || input.theirs === null)
    return { kind: 'text', reason: 'removed on one side and changed on the other' };
  let parsed: [Record<string, Json>, Record<string, Json>, Record<string, Json>];
  try {
    parsed = [
      input.base === null ? {} : fromYaml(input.base, input.path),
      fromYaml(input.mine, input.path),
      fromYaml(input.theirs, input.path),
    ];
  } catch (error) {
    return { kind: 'text', reason: (error as Error).message };
  }
  const [base, mine, theirs] = parsed;
  const stem = placeholderStem(input.base ?? '', input.mine, input.theirs);
  const merged = mergeValues(base, mine, theirs, { choices: input.choices, placeholderStem: stem });
  const text = toYaml(merged.value);
  return {
    kind: 'merged',
    text: merged.conflicts.length ? withConflictMarkers(text, merged.conflicts, merged.placeholders) : text,
    conflicts: merged.conflicts,
    object: objectOf(input.path, stem, merged.value as Record<string, Json>, mine, theirs, base),
  };
}

/** A value as a person reads it in a conflict: its YAML (`300`, `Units sold`), or null when it is not there. */
export function valueText(value: Json | undefined): string | null {
  return value === undefined ? null : toYaml(value).replace(/\n$/, '');
}
