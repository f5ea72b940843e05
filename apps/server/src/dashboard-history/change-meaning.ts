// The meaning of each change in a dashboard repository (object, name, summary in words) for commits and diffs:
// reads both versions of the files and lets the superset package say what changed.
import fs from 'node:fs';
import path from 'node:path';
import type { DashboardCommitDetail, DashboardFileDiff, FileDiff } from '@superset-git/contracts';
import { commitDetail, fileAtRef, filesAtRef, type Repo } from '@superset-git/git';
import {
  objectNameOf,
  objectTypeOfPath,
  readTree,
  summarizeChange,
  treeNames,
  type NameLookup,
  type NormalizedTree,
} from '@superset-git/superset';
import { commitTree } from '../dashboard-repos/tree-at.ts';

export const textOf = (bytes: Buffer | undefined) => (bytes ? bytes.toString('utf8') : null);

/** `names`: the charts and datasets a dashboard's summary may name (only dashboard.yaml needs them). */
export function describe(pathName: string, before: string | null, after: string | null, names?: NameLookup) {
  return {
    objectType: objectTypeOfPath(pathName),
    objectName: objectNameOf(pathName, after ?? before),
    summary: summarizeChange(pathName, before, after, names),
  };
}

const isDashboard = (file: string) => objectTypeOfPath(file) === 'dashboard';

/** The work tree's object names, with older names from `older` files (deleted ones keep theirs). */
export function workTreeNames(repo: Repo, older: Map<string, Buffer>): NameLookup {
  const before: NormalizedTree = new Map([...older].map(([file, bytes]) => [file, bytes.toString('utf8')]));
  return treeNames(before, readTree(repo.path));
}

/** Names at two refs (or a ref and the work tree), read only when a dashboard.yaml is described. */
async function namesBetween(
  repo: Repo,
  from: string | undefined,
  to: string | undefined,
): Promise<NameLookup> {
  const [before, after] = await Promise.all([
    from ? commitTree(repo, from).then(({ tree }) => tree) : null,
    to ? commitTree(repo, to).then(({ tree }) => tree) : readTree(repo.path),
  ]);
  return treeNames(before, after);
}

/** A file as the work tree has it, or null when it is not there. */
export function workTreeText(repo: Repo, file: string): string | null {
  const full = path.join(repo.path, file);
  return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : null;
}

export async function describedCommit(repo: Repo, sha: string): Promise<DashboardCommitDetail> {
  const detail = await commitDetail(repo, sha);
  const wanted = new Set(detail.files.flatMap((file) => [file.path, file.originalPath ?? file.path]));
  const keep = (file: string) => wanted.has(file);
  const after = await filesAtRef(repo, { ref: detail.commit.oid, keep });
  const parent = detail.commit.parents[0];
  const before = parent ? (await filesAtRef(repo, { ref: parent, keep })).files : new Map<string, Buffer>();
  const names = detail.files.some((file) => isDashboard(file.path))
    ? await namesBetween(repo, parent, detail.commit.oid)
    : undefined;
  return {
    commit: detail.commit,
    files: detail.files.map((file) => ({
      ...file,
      ...describe(
        file.path,
        textOf(before.get(file.originalPath ?? file.path)),
        textOf(after.files.get(file.path)),
        names,
      ),
    })),
  };
}

export async function describedDiff(
  repo: Repo,
  query: { path: string; from: string; to?: string | undefined },
  diff: FileDiff,
): Promise<DashboardFileDiff> {
  const before = textOf((await fileAtRef(repo, { path: query.path, ref: query.from }))?.content);
  const after = query.to
    ? textOf((await fileAtRef(repo, { path: query.path, ref: query.to }))?.content)
    : workTreeText(repo, query.path);
  const binary = diff.binary;
  const names = isDashboard(query.path) ? await namesBetween(repo, query.from, query.to) : undefined;
  return {
    ...diff,
    ...describe(query.path, before, after, names),
    before: binary ? null : before,
    after: binary ? null : after,
  };
}
