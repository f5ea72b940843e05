// A branch name resolved to its commit by reading `.git` (loose ref files, then packed-refs), in git's own order
// of places to look, without a process. Anything that needs more than that (an annotated tag to peel, a
// revision expression, a name git would look up elsewhere) answers null and the caller asks git.
import fs from 'node:fs';
import path from 'node:path';
import type { Repo } from './repo.ts';

const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/; // SHA-1, or SHA-256

export interface ResolvedRef {
  /** The full ref name the short name stands for, e.g. refs/heads/main. */
  ref: string;
  oid: string;
}

function readRefFile(repo: Repo, ref: string): string | null {
  try {
    const text = fs.readFileSync(path.join(repo.gitDir, ...ref.split('/')), 'utf8').trim();
    return OID.test(text) ? text : null;
  } catch {
    return null;
  }
}

function packedRefs(repo: Repo): Map<string, string> {
  const refs = new Map<string, string>();
  let text: string;
  try {
    text = fs.readFileSync(path.join(repo.gitDir, 'packed-refs'), 'utf8');
  } catch {
    return refs;
  }
  for (const line of text.split('\n')) {
    const [oid, ref] = line.split(' ');
    if (oid && ref && OID.test(oid)) refs.set(ref, oid);
  }
  return refs;
}

/** Branches only (local or remote-tracking); a tag, a commit id or an expression answers null. */
export function resolveBranchInProcess(repo: Repo, name: string): ResolvedRef | null {
  if (!/^[\w./-]+$/.test(name) || name.includes('..') || name.startsWith('-')) return null;
  // git's order (`git help revisions`): $GIT_DIR/<name>, refs/<name>, refs/tags/<name>, refs/heads/<name>,
  // refs/remotes/<name>, refs/remotes/<name>/HEAD. The first that exists wins.
  const places = [name, `refs/${name}`, `refs/tags/${name}`, `refs/heads/${name}`, `refs/remotes/${name}`];
  let packed: Map<string, string> | null = null;
  for (const ref of places) {
    const file = path.join(repo.gitDir, ...ref.split('/'));
    const loose = fs.existsSync(file);
    if (!loose) packed ??= packedRefs(repo);
    const oid = loose ? readRefFile(repo, ref) : packed!.get(ref);
    if (loose && !oid) return null; // a directory, a symbolic ref or a file git knows better
    if (!oid) continue;
    const branch = ref.startsWith('refs/heads/') || ref.startsWith('refs/remotes/');
    return branch ? { ref, oid } : null;
  }
  return null;
}
