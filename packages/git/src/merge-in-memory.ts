// A structural merge without touching the work tree until it is whole: `git merge-tree` merges the two commits
// in the object store and names the files its line merge could not; the merger merges those here; the merged
// files, the trees above them and the merge commit are written as loose objects; the caller then moves the
// branch, index and work tree to that commit with one `git reset --keep`. Two git processes where a merge, a
// stage listing, a read and a commit took five. Whatever this cannot finish whole (a conflict left for a person,
// a file deleted on one side, an unusual ref or repository) hands the caller back to `git merge`.
import type { GitPerson } from '@superset-git/contracts';
import { looseReader, readObjects, writeLooseObject } from './loose-objects.ts';
import { blobsAt, replaceBlobs, type TreeCache } from './tree-objects.ts';
import type { Git, Repo } from './repo.ts';
import { BOTH_SIDES, parseUnmerged, type FileMerger, type FileVersions } from './settle-conflicts.ts';

export interface InMemoryMerge {
  head: string;
  theirs: string;
  message: string;
  author: GitPerson;
  mergeFile: FileMerger;
}

type Merged = Awaited<ReturnType<FileMerger>>;

/** The merge commit written, or the merger to use with `git merge` (it answers again what was merged here). */
export type InMemoryResult = { commit: string } | { commit: null; mergeFile: FileMerger };

const CRUD = /[<>\n]|^[\s.,:;"'\\]|[\s.,:;"'\\]$/;

export async function mergeInMemory(git: Git, repo: Repo, options: InMemoryMerge): Promise<InMemoryResult> {
  const gitMerges: InMemoryResult = { commit: null, mergeFile: options.mergeFile };
  if (!canWriteCommit(options.author) || cleanMessage(options.message) === '\n') return gitMerges;
  const answer = await git(
    [
      '-c',
      'merge.conflictStyle=diff3',
      'merge-tree',
      '--write-tree',
      '-z',
      '--end-of-options',
      options.head,
      options.theirs,
    ],
    {
      okExitCodes: [0, 1, 128],
    },
  );
  // Clean (git's merge is as good, and knows fast-forwards) or refused (git merge says why).
  if (answer.exitCode !== 1) return gitMerges;
  const fields = answer.stdout.split('\0');
  const end = fields.indexOf('', 1);
  const tree = fields[0]!;
  const unmerged = parseUnmerged(fields.slice(1, end < 0 ? undefined : end));
  if (unmerged.length === 0 || unmerged.some((file) => !BOTH_SIDES.has(file.kind))) return gitMerges;

  // What git's line merge made of each file (diff3 markers) first: a merger that settles a file from it alone
  // never reads the three versions, which are read when asked where they are loose.
  const trees: TreeCache = new Map();
  const marked = await blobsAt(
    git,
    repo,
    tree,
    unmerged.map((file) => file.path),
    trees,
  );
  const sides = unmerged.flatMap((file) => file.blobs.filter((oid): oid is string => oid !== null));
  const readLoose = looseReader(repo, sides);
  const texts = await readObjects(git, repo, [...marked.values(), ...(readLoose ? [] : sides)]);
  const text = (oid: string | null | undefined) => {
    if (!oid) return null;
    const read = texts.get(oid) ?? readLoose?.(oid);
    return read ? read.toString('utf8') : null;
  };
  const results = new Map<string, Merged>();
  for (const file of unmerged) {
    const [base, mine, theirs] = file.blobs.map((oid) => once(() => text(oid)));
    const versions: FileVersions = {
      path: file.path,
      marked: text(marked.get(file.path)),
      get base() {
        return base!();
      },
      get mine() {
        return mine!();
      },
      get theirs() {
        return theirs!();
      },
    };
    results.set(file.path, await options.mergeFile(versions));
  }
  // The same files come back from `git merge` with the same stages: answer what was merged here.
  const remembered: FileMerger = (file) =>
    results.has(file.path) ? (results.get(file.path) ?? null) : options.mergeFile(file);
  if ([...results.values()].some((result) => !result?.clean)) return { commit: null, mergeFile: remembered };

  const blobs = new Map<string, string>();
  for (const [file, result] of results) {
    const oid = writeLooseObject(repo, 'blob', Buffer.from(result!.text, 'utf8'));
    if (!oid) return { commit: null, mergeFile: remembered };
    blobs.set(file, oid);
  }
  const merged = await replaceBlobs(git, repo, tree, blobs, trees);
  if (!merged) return { commit: null, mergeFile: remembered };
  const commit = writeLooseObject(repo, 'commit', commitBody(merged, options));
  return commit ? { commit } : { commit: null, mergeFile: remembered };
}

function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) [value, done] = [compute(), true];
    return value;
  };
}

/** Names git would write unchanged; anything it would trim or refuse is left to git. */
function canWriteCommit(author: GitPerson): boolean {
  if (process.env.GIT_AUTHOR_DATE || process.env.GIT_COMMITTER_DATE) return false;
  return [author.name, author.email].every((value) => value.length > 0 && !CRUD.test(value));
}

/** git's "whitespace" clean-up of a message given on the command line. */
function cleanMessage(message: string): string {
  const lines = message.split('\n').map((line) => line.trimEnd());
  const kept = lines.filter((line, index) => line !== '' || (index > 0 && lines[index - 1] !== ''));
  while (kept[0] === '') kept.shift();
  while (kept.at(-1) === '') kept.pop();
  return `${kept.join('\n')}\n`;
}

function commitBody(tree: string, options: InMemoryMerge): Buffer {
  const offset = -new Date().getTimezoneOffset();
  const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  const person = `${options.author.name} <${options.author.email}> ${Math.floor(Date.now() / 1000)} ${zone}`;
  const lines = [
    `tree ${tree}`,
    `parent ${options.head}`,
    `parent ${options.theirs}`,
    `author ${person}`,
    `committer ${person}`,
  ];
  return Buffer.from(`${lines.join('\n')}\n\n${cleanMessage(options.message)}`, 'utf8');
}
