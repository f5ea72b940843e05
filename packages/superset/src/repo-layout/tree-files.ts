// A normalized tree in a repository's work tree: written (changed files rewritten, files of objects that are
// gone removed, files a sync does not own left alone; unchanged files are not touched, so git sees no change)
// and read back.
import fs from 'node:fs';
import path from 'node:path';
import { BundleError } from '../bundle/bundle-error.ts';
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { assertTreePath, isManagedPath, objectFileKey } from './repo-paths.ts';

/**
 * Refuses a symbolic link where a sync reads or writes: a repository (say, one pulled from a remote) could hold
 * `charts -> /etc` and have a sync write, or a deploy read, outside the repository.
 */
function assertNoLink(root: string, relative: string): void {
  let current = root;
  for (const part of relative.split('/')) {
    current = path.join(current, part);
    if (fs.lstatSync(current, { throwIfNoEntry: false })?.isSymbolicLink())
      throw new BundleError(
        `${path.relative(root, current)} is a symbolic link; superset-git reads and writes only real files inside the repository. Replace it with the files themselves.`,
      );
  }
}

function managedFiles(root: string, dir = ''): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (relative === '.git') return [];
    if (entry.isSymbolicLink() && (isManagedPath(relative) || isManagedPath(`${relative}/`)))
      assertNoLink(root, relative);
    if (entry.isDirectory()) return managedFiles(root, relative);
    return isManagedPath(relative) ? [relative] : [];
  });
}

export interface TreeWriteResult {
  written: string[];
  removed: string[];
}

/**
 * Keeps the file name an object already has in the repository (matched by folder and short uuid), so renaming a
 * chart in Superset is a one-line change in its file, not a delete and an add.
 */
export function keepExistingNames(tree: NormalizedTree, existing: string[]): NormalizedTree {
  const byKey = new Map<string, string>();
  for (const file of existing) {
    const key = objectFileKey(file);
    if (key) byKey.set(key, file);
  }
  const out: NormalizedTree = new Map();
  for (const [file, text] of tree) {
    const key = objectFileKey(file);
    const kept = key ? byKey.get(key) : undefined;
    out.set(kept && !out.has(kept) ? kept : file, text);
  }
  return out;
}

export function writeTree(root: string, incoming: NormalizedTree): TreeWriteResult {
  const written: string[] = [];
  const removed: string[] = [];
  const tree = keepExistingNames(incoming, managedFiles(root));
  for (const [file, text] of tree) {
    const target = path.join(root, assertTreePath(file));
    assertNoLink(root, file);
    if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === text) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    written.push(file);
  }
  for (const file of managedFiles(root)) {
    if (tree.has(file)) continue;
    fs.rmSync(path.join(root, file));
    removed.push(file);
  }
  return { written, removed };
}

/** The managed files of the work tree, as a normalized tree (what the branch holds when the tree is clean). */
export function readTree(root: string): NormalizedTree {
  return new Map(
    managedFiles(root)
      .sort()
      .map((file) => [file, fs.readFileSync(path.join(root, file), 'utf8')]),
  );
}
