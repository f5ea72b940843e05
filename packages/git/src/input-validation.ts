// Checks for names and paths a user typed, before they reach git: bad input fails with a clear message and
// nothing on disk changes.
import path from 'node:path';
import { GitError } from './git-error.ts';

/** The rules of `git check-ref-format`, plus no leading dash so a name can never read as an option. */
export function refNameProblem(name: string): string | null {
  if (name.length === 0) return 'is empty';
  if (name.length > 250) return 'is longer than 250 characters';
  if (name.startsWith('-')) return "starts with '-'";
  if (name === '@') return "is '@'";
  if (name.includes('..')) return "contains '..'";
  if (name.includes('@{')) return "contains '@{'";
  if (name.includes('//')) return "contains '//'";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(name)) return 'contains a space or one of ~ ^ : ? * [ \\';
  if (name.startsWith('/') || name.endsWith('/')) return "starts or ends with '/'";
  if (name.endsWith('.')) return "ends with '.'";
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return "has a part starting with '.'";
    if (part.endsWith('.lock')) return "has a part ending with '.lock'";
  }
  return null;
}

/** A branch or tag name to create or switch to. */
export function assertRefName(name: string, what = 'Branch name'): string {
  const problem = refNameProblem(name);
  if (problem) throw new GitError('GIT_INVALID_REF', `${what} '${name}' is not allowed: it ${problem}.`);
  return name;
}

const OID = /^[0-9a-f]{4,64}$/i;
const SUFFIX = /(~\d*|\^\d*)+$/;

/** A revision to read from: a branch, tag, remote branch, `HEAD` or a commit id, optionally with `~n` / `^n`. */
export function assertRevision(revision: string): string {
  const base = revision.replace(SUFFIX, '');
  if (base === 'HEAD' || OID.test(base)) return revision;
  const problem = refNameProblem(base);
  if (problem)
    throw new GitError(
      'GIT_INVALID_REF',
      `'${revision}' is not a valid branch, tag or commit: it ${problem}.`,
    );
  return revision;
}

/**
 * A file or folder inside the repository, as a relative path with '/' separators. Absolute paths, `..` and the
 * `.git` folder are refused, so no request can read or write outside the work tree.
 */
export function assertRepoPath(file: string): string {
  if (file.length === 0 || file.length > 1000)
    throw new GitError('GIT_INVALID_PATH', 'A file path is empty or too long.');
  if (file.includes('\0')) throw new GitError('GIT_INVALID_PATH', 'A file path contains a NUL character.');
  // Paths are '/'-separated; a backslash is an ordinary character in a file name here, like in git.
  if (path.posix.isAbsolute(file)) {
    throw new GitError('GIT_INVALID_PATH', `'${file}' is absolute; give a path inside the repository.`);
  }
  const parts = file.split('/');
  if (parts.includes('..')) throw new GitError('GIT_INVALID_PATH', `'${file}' leaves the repository ('..').`);
  if (parts.some((part) => part.toLowerCase() === '.git')) {
    throw new GitError('GIT_INVALID_PATH', `'${file}' is inside git's own .git folder.`);
  }
  const normalized = path.posix.normalize(parts.join('/'));
  return normalized === '.' ? '.' : normalized.replace(/\/$/, '');
}
