// superset-git's own small records about a repository (the live-status baseline, who made the synced edits):
// JSON files in the repository's .git/superset-git folder, so they need no table and go with the repository.
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { Repo } from '@superset-git/git';

const fileOf = (repo: Repo, name: string) => path.join(repo.gitDir, 'superset-git', name);

/** The record `name` as `schema` reads it; null when there is none or it is unreadable (then it counts as none). */
export function readStateFile<T extends z.ZodType>(repo: Repo, name: string, schema: T): z.output<T> | null {
  try {
    return schema.parse(JSON.parse(fs.readFileSync(fileOf(repo, name), 'utf8')));
  } catch {
    return null;
  }
}

/** Writes the record `name`, or removes it for null; written aside and renamed, so no reader sees half a file. */
export function writeStateFile(repo: Repo, name: string, value: unknown): void {
  const file = fileOf(repo, name);
  if (value === null) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}
