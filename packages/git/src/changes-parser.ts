// Reads `--raw --numstat -z` output (one commit's or one diff's changed files) into files with line counts.
import type { CommitFile, FileChangeKind } from '@superset-git/contracts';

const KIND: Record<string, FileChangeKind> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed',
};

export function parseChanges(output: string): CommitFile[] {
  const tokens = output.split('\0');
  const files: CommitFile[] = [];
  const byPath = new Map<string, CommitFile>();
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!.replace(/^\n/, '');
    if (token.length === 0) continue;
    if (token.startsWith(':')) {
      // `:old-mode new-mode old-oid new-oid STATUS` then the path, or old and new path for renames and copies.
      const status = token.split(' ').pop() ?? 'M';
      const letter = status[0] ?? 'M';
      const twoPaths = letter === 'R' || letter === 'C';
      const first = tokens[index + 1] ?? '';
      const second = twoPaths ? (tokens[index + 2] ?? '') : null;
      index += twoPaths ? 2 : 1;
      const file: CommitFile = {
        path: second ?? first,
        originalPath: twoPaths ? first : null,
        change: KIND[letter] ?? 'modified',
        additions: null,
        deletions: null,
      };
      files.push(file);
      byPath.set(file.path, file);
      continue;
    }
    // numstat: `added\tdeleted\tpath`, or `added\tdeleted\t` followed by old and new path for renames.
    const firstTab = token.indexOf('\t');
    const secondTab = token.indexOf('\t', firstTab + 1);
    const added = token.slice(0, firstTab);
    const deleted = token.slice(firstTab + 1, secondTab);
    // A file name may itself hold tabs: everything after the second tab is the path.
    const path = token.slice(secondTab + 1);
    let target = path;
    if (path === '') {
      target = tokens[index + 2] ?? '';
      index += 2;
    }
    const file = byPath.get(target);
    if (file) {
      file.additions = added === '-' ? null : Number(added);
      file.deletions = deleted === '-' ? null : Number(deleted);
    }
  }
  return files;
}
