// The structural merge in our own flows (pull, merging a branch, applying a safety branch): files git's line
// merge left conflicted are merged field by field, and the task log says which object merged and which fields
// both sides changed differently.
import type { FileMerger } from '@superset-git/git';
import { fieldConflictLine, mergeYamlFile, objectLabel } from '@superset-git/superset';

export function fieldMerger(log: (line: string, level?: 'info' | 'warn') => void): FileMerger {
  return (file) => {
    const result = mergeYamlFile(file);
    if (result.kind === 'text') {
      log(`${file.path} needs a text merge (${result.reason})`, 'warn');
      return null;
    }
    if (result.conflicts.length === 0) log(`merged ${objectLabel(result.object, file.path)} field by field`);
    for (const conflict of result.conflicts)
      log(fieldConflictLine(result.object, file.path, conflict), 'warn');
    return { text: result.text, clean: result.conflicts.length === 0 };
  };
}
