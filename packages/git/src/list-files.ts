// `ls-tree`: the files of a commit, and their contents in one pass (`cat-file --batch`).
import { assertRevision } from './input-validation.ts';
import { readBlobs } from './read-blobs.ts';
import type { Repo } from './repo.ts';
import { requireCommit } from './repo-state.ts';

interface FilesAtRef {
  sha: string;
  files: Map<string, Buffer>;
}

/** Every file of `ref` (optionally only those `keep` accepts) with its content. */
export async function filesAtRef(
  repo: Repo,
  options: { ref: string; keep?: (path: string) => boolean },
): Promise<FilesAtRef> {
  const ref = assertRevision(options.ref);
  return repo.read(async (git) => {
    const sha = await requireCommit(git, ref);
    const listing = await git(['ls-tree', '-r', '-z', '--full-tree', sha]);
    // `<mode> blob <oid>\t<path>`
    const entries = listing.stdout
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const tab = line.indexOf('\t');
        const [, type, oid] = line.slice(0, tab).split(' ');
        return { type, oid: oid!, path: line.slice(tab + 1) };
      })
      .filter((entry) => entry.type === 'blob' && (!options.keep || options.keep(entry.path)));
    const files = new Map<string, Buffer>();
    if (entries.length === 0) return { sha, files };
    const contents = await readBlobs(
      git,
      entries.map((entry) => entry.oid),
    );
    entries.forEach((entry, index) => files.set(entry.path, contents[index]!));
    return { sha, files };
  });
}
