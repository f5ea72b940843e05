// Parses `git status --porcelain=v2 --branch -z`: NUL-separated, so any file name (spaces, quotes, newlines,
// unicode) comes through as it is.
import type { ConflictKind, FileChangeKind, GitStatus, StatusFile } from '@superset-git/contracts';

const CHANGE: Record<string, FileChangeKind | null> = {
  '.': null,
  M: 'modified',
  T: 'type-changed',
  A: 'added',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
};

const CONFLICT: Record<string, ConflictKind> = {
  DD: 'both-deleted',
  AU: 'added-by-us',
  UD: 'deleted-by-them',
  UA: 'added-by-them',
  DU: 'deleted-by-us',
  AA: 'both-added',
  UU: 'both-modified',
};

/** Splits `text` at the first `count` spaces: the last field (a path) may itself hold spaces. */
function fields(text: string, count: number): string[] {
  const out: string[] = [];
  let rest = text;
  for (let index = 0; index < count; index += 1) {
    const space = rest.indexOf(' ');
    if (space < 0) break;
    out.push(rest.slice(0, space));
    rest = rest.slice(space + 1);
  }
  out.push(rest);
  return out;
}

type ParsedStatus = Omit<GitStatus, 'merging' | 'clean'>;

export function parseStatus(output: string): ParsedStatus {
  return parseStatusWithHeads(output).status;
}

const ZERO_OID = /^0+$/;

/**
 * The status, and for each changed file the object HEAD holds for it (`hH`, or stage 2 "ours" of a conflict):
 * its committed version, readable with `cat-file` without naming a path. Files HEAD does not have are left out.
 */
export function parseStatusWithHeads(output: string): {
  status: ParsedStatus;
  headOids: Map<string, string>;
} {
  const headOids = new Map<string, string>();
  const keepHead = (path: string, mode: string, oid: string) => {
    // Regular files and symbolic links; a submodule's commit or a missing entry has no text to show.
    if (/^1[02]0/.test(mode) && !ZERO_OID.test(oid)) headOids.set(path, oid);
  };
  const status: ParsedStatus = {
    branch: null,
    head: null,
    detached: false,
    upstream: null,
    ahead: 0,
    behind: 0,
    files: [],
  };
  const entries = output.split('\0');
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index]!;
    if (entry.length === 0) continue;
    const kind = entry[0];
    if (kind === '#') {
      const [, key, value = ''] = fields(entry, 2);
      if (key === 'branch.oid') status.head = value === '(initial)' ? null : value;
      else if (key === 'branch.head') {
        status.detached = value === '(detached)';
        status.branch = status.detached ? null : value;
      } else if (key === 'branch.upstream') status.upstream = value;
      else if (key === 'branch.ab') {
        const match = value.match(/^\+(\d+) -(\d+)$/);
        status.ahead = Number(match?.[1] ?? 0);
        status.behind = Number(match?.[2] ?? 0);
      }
    } else if (kind === '1') {
      const parts = fields(entry, 8);
      status.files.push(changedFile(parts[1]!, parts[8]!, null));
      keepHead(parts[8]!, parts[3]!, parts[6]!);
    } else if (kind === '2') {
      const parts = fields(entry, 9);
      // With -z the original path is the next NUL-separated entry.
      const originalPath = entries[index + 1] ?? null;
      index += 1;
      status.files.push(changedFile(parts[1]!, parts[9]!, originalPath));
      if (originalPath !== null) keepHead(originalPath, parts[3]!, parts[6]!);
    } else if (kind === 'u') {
      const parts = fields(entry, 10);
      status.files.push({
        path: parts[10]!,
        originalPath: null,
        staged: null,
        unstaged: null,
        untracked: false,
        conflict: CONFLICT[parts[1]!] ?? 'both-modified',
      });
      keepHead(parts[10]!, parts[4]!, parts[8]!);
    } else if (kind === '?') {
      status.files.push({
        path: entry.slice(2),
        originalPath: null,
        staged: null,
        unstaged: null,
        untracked: true,
        conflict: null,
      });
    }
  }
  return { status, headOids };
}

function changedFile(xy: string, path: string, originalPath: string | null): StatusFile {
  return {
    path,
    originalPath,
    staged: CHANGE[xy[0] ?? '.'] ?? null,
    unstaged: CHANGE[xy[1] ?? '.'] ?? null,
    untracked: false,
    conflict: null,
  };
}
