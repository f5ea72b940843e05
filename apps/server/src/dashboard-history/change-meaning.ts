// The meaning of each change in a dashboard repository (object, name, summary in words) for commits and diffs:
// reads both versions of the files and lets the superset package say what changed.
import fs from 'node:fs';
import path from 'node:path';
import type { DashboardCommitDetail, DashboardFileDiff, FileDiff } from '@superset-git/contracts';
import { commitDetail, fileAtRef, filesAtRef, type Repo } from '@superset-git/git';
import { objectNameOf, objectTypeOfPath, summarizeChange } from '@superset-git/superset';

export const textOf = (bytes: Buffer | undefined) => (bytes ? bytes.toString('utf8') : null);

export function describe(pathName: string, before: string | null, after: string | null) {
  return {
    objectType: objectTypeOfPath(pathName),
    objectName: objectNameOf(pathName, after ?? before),
    summary: summarizeChange(pathName, before, after),
  };
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
  return {
    commit: detail.commit,
    files: detail.files.map((file) => ({
      ...file,
      ...describe(
        file.path,
        textOf(before.get(file.originalPath ?? file.path)),
        textOf(after.files.get(file.path)),
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
  return {
    ...diff,
    ...describe(query.path, before, after),
    before: binary ? null : before,
    after: binary ? null : after,
  };
}
