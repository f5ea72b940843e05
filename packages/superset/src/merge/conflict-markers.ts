// git-style conflict markers around only the conflicting field of a merged YAML text: the placeholder line the
// merge left is replaced by both sides' versions of that one field, indented where the field sits.
import { toYaml, type Json } from '../bundle/yaml-text.ts';
import type { FieldConflict, Maybe } from './value-merge.ts';

export const MINE_MARKER = '<<<<<<< mine';
export const SPLIT_MARKER = '=======';
export const THEIRS_MARKER = '>>>>>>> theirs';

const isCollection = (value: Json) => !!value && typeof value === 'object' && Object.keys(value).length > 0;

/** The lines one side's value takes at the placeholder's place (`head` is the line up to the placeholder). */
function sideLines(head: string, value: Maybe): string[] {
  if (value === undefined) return [];
  const body = toYaml(value).replace(/\n$/, '').split('\n');
  const listItem = head.endsWith('- ');
  if (!listItem && isCollection(value)) {
    const pad = ' '.repeat(head.length - head.trimStart().replace(/^(- )+/, '').length + 2);
    return [head.trimEnd(), ...body.map((line) => pad + line)];
  }
  const pad = ' '.repeat(
    listItem ? head.length : head.length - head.trimStart().replace(/^(- )+/, '').length,
  );
  return [head + body[0], ...body.slice(1).map((line) => pad + line)];
}

export function withConflictMarkers(
  text: string,
  conflicts: FieldConflict[],
  placeholders: string[],
): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const index = placeholders.findIndex((placeholder) => line.includes(placeholder));
    if (index < 0) {
      out.push(line);
      continue;
    }
    const head = line.slice(0, line.indexOf(placeholders[index]!));
    const conflict = conflicts[index]!;
    out.push(
      MINE_MARKER,
      ...sideLines(head, conflict.mine),
      SPLIT_MARKER,
      ...sideLines(head, conflict.theirs),
      THEIRS_MARKER,
    );
  }
  return `${out.join('\n')}\n`;
}
