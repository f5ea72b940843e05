// The structural merge in our own flows (pull, merging a branch, applying a safety branch): files git's line
// merge left conflicted are merged field by field, and the task log says which object merged and which fields
// both sides changed differently.
import type { FileMerger } from '@superset-git/git';
import { mergeYamlFile, valueText, type FieldConflict, type MergedObject } from '@superset-git/superset';

/** "chart 'Units sold'", or the path for a file that is not an object's. */
export function objectLabel(object: MergedObject | null, path: string): string {
  return object && object.type !== 'other' && object.name ? `${object.type} '${object.name}'` : path;
}

/** One value on one line for a log line or a row: long or many-line values are shortened. */
export function shortValue(value: FieldConflict['mine']): string {
  const text = valueText(value);
  if (text === null) return '(removed)';
  const line = text.replace(/\s*\n\s*/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/** "chart 'Units sold' · cache_timeout: yours 300, theirs 600" */
export function fieldConflictLine(object: MergedObject | null, path: string, conflict: FieldConflict): string {
  return `${objectLabel(object, path)} · ${conflict.path}: yours ${shortValue(conflict.mine)}, theirs ${shortValue(conflict.theirs)}`;
}

export function fieldMerger(log: (line: string, level?: 'info' | 'warn') => void): FileMerger {
  return (file) => {
    const result = mergeYamlFile(file);
    if (result.kind === 'text') {
      log(`${file.path} needs a text merge (${result.reason})`, 'warn');
      return null;
    }
    const label = objectLabel(result.object, file.path);
    if (result.conflicts.length === 0) log(`merged ${label} field by field`);
    for (const conflict of result.conflicts) log(fieldConflictLine(result.object, file.path, conflict), 'warn');
    return { text: result.text, clean: result.conflicts.length === 0 };
  };
}
