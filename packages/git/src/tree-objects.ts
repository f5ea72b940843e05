// Tree objects read and rewritten in this process: "<mode> <name>\0<20-byte id>" entries in git's order. Only
// swapping the blob of files that already exist, which keeps that order; anything else is left to git.
import { readObjects, writeLooseObject } from './loose-objects.ts';
import type { Git, Repo } from './repo.ts';

interface TreeEntry {
  mode: string;
  name: string;
  oid: string;
  /** Where the entry's header and id lie in the tree's content. */
  start: number;
  end: number;
}

function entriesOf(content: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (let at = 0; at < content.length;) {
    const nul = content.indexOf(0, at);
    const header = content.toString('utf8', at, nul);
    const space = header.indexOf(' ');
    entries.push({
      mode: header.slice(0, space),
      name: header.slice(space + 1),
      oid: content.toString('hex', nul + 1, nul + 21),
      start: at,
      end: nul + 21,
    });
    at = nul + 21;
  }
  return entries;
}

const isFile = (mode: string) => mode === '100644' || mode === '100755';

/** Files grouped by their first folder: [files here, files below each folder]. */
function byFolder<T>(files: ReadonlyMap<string, T>): [Map<string, T>, Map<string, Map<string, T>>] {
  const here = new Map<string, T>();
  const below = new Map<string, Map<string, T>>();
  for (const [file, value] of files) {
    const slash = file.indexOf('/');
    if (slash < 0) here.set(file, value);
    else {
      const folder = below.get(file.slice(0, slash)) ?? new Map<string, T>();
      folder.set(file.slice(slash + 1), value);
      below.set(file.slice(0, slash), folder);
    }
  }
  return [here, below];
}

/** Trees already read during one piece of work (ids name contents, so a read one never changes). */
export type TreeCache = Map<string, Buffer>;

async function readTree(git: Git, repo: Repo, tree: string, cache: TreeCache): Promise<Buffer> {
  let content = cache.get(tree);
  if (!content) {
    content = (await readObjects(git, repo, [tree])).get(tree)!;
    cache.set(tree, content);
  }
  return content;
}

/** The blob each path names in the tree; a path that is not a plain file there is left out. */
export async function blobsAt(
  git: Git,
  repo: Repo,
  tree: string,
  paths: readonly string[],
  cache: TreeCache = new Map(),
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const [here, below] = byFolder(new Map(paths.map((file) => [file, file])));
  for (const entry of entriesOf(await readTree(git, repo, tree, cache))) {
    if (here.has(entry.name) && isFile(entry.mode)) found.set(here.get(entry.name)!, entry.oid);
    const folder = below.get(entry.name);
    if (folder && entry.mode === '40000')
      for (const [inner, oid] of await blobsAt(git, repo, entry.oid, [...folder.keys()], cache))
        found.set(folder.get(inner)!, oid);
  }
  return found;
}

/** The tree with the given files' blobs swapped, written; null when a path is not a file there. */
export async function replaceBlobs(
  git: Git,
  repo: Repo,
  tree: string,
  blobs: ReadonlyMap<string, string>,
  cache: TreeCache = new Map(),
): Promise<string | null> {
  const content = await readTree(git, repo, tree, cache);
  const [here, below] = byFolder(blobs);
  const parts: Buffer[] = [];
  let done = 0;
  for (const entry of entriesOf(content)) {
    let oid = entry.oid;
    const folder = below.get(entry.name);
    if (here.has(entry.name) && isFile(entry.mode)) {
      oid = here.get(entry.name)!;
      done += 1;
    } else if (folder && entry.mode === '40000') {
      const replaced = await replaceBlobs(git, repo, entry.oid, folder, cache);
      if (!replaced) return null;
      oid = replaced;
      done += folder.size;
    }
    parts.push(content.subarray(entry.start, entry.end - 20), Buffer.from(oid, 'hex'));
  }
  return done === blobs.size ? writeLooseObject(repo, 'tree', Buffer.concat(parts)) : null;
}
