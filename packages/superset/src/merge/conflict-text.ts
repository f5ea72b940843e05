// Field conflicts as people read them, in a task log, a merge driver's output or a conflict screen:
// "chart 'Units sold' · cache_timeout: yours 300, theirs 600".
import { load, YAML11_SCHEMA } from 'js-yaml';
import { BundleError } from '../bundle/bundle-error.ts';
import type { Json } from '../bundle/yaml-text.ts';
import type { FieldConflict } from './value-merge.ts';
import { valueText, type MergedObject } from './yaml-merge.ts';

/** "chart 'Units sold'", or the path for a file that is not a named object's. */
export function objectLabel(object: MergedObject | null, path: string): string {
  return object && object.type !== 'other' && object.name ? `${object.type} '${object.name}'` : path;
}

/** One value on one line: long or many-line values are shortened. */
export function shortValue(value: Json | undefined): string {
  const text = valueText(value);
  if (text === null) return '(removed)';
  const line = text.replace(/\s*\n\s*/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

export function fieldConflictLine(
  object: MergedObject | null,
  path: string,
  conflict: FieldConflict,
): string {
  return `${objectLabel(object, path)} · ${conflict.path}: yours ${shortValue(conflict.mine)}, theirs ${shortValue(conflict.theirs)}`;
}

/** A value a person typed for a field, read as YAML (`450`, `Units sold`, `[a, b]`); empty removes the field. */
export function parseFieldValue(text: string): Json | undefined {
  if (text.trim() === '') return undefined;
  try {
    return load(text, { schema: YAML11_SCHEMA, maxAliases: 0 }) as Json;
  } catch (error) {
    throw new BundleError(`not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
}
