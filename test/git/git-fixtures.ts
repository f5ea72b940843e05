// Throwaway repositories for the git engine tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { commit, initRepository, stage, type Repo } from '@superset-git/git';

export const ALICE = { name: 'Alice Analyst', email: 'alice@example.com' };
export const BOB = { name: 'Bob Builder', email: 'bob@example.com' };

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'sg-git-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export async function newRepo(): Promise<Repo> {
  return initRepository(path.join(tempDir(), 'repo'), { author: ALICE });
}

export function write(repo: Repo, file: string, content: string): void {
  const full = path.join(repo.path, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
}

export function read(repo: Repo, file: string): string {
  return fs.readFileSync(path.join(repo.path, file), 'utf8');
}

/** Writes files and commits them all. */
export async function commitFiles(
  repo: Repo,
  files: Record<string, string>,
  message: string,
  author = ALICE,
): Promise<string> {
  for (const [file, content] of Object.entries(files)) write(repo, file, content);
  await stage(repo);
  return commit(repo, { message, author });
}

/** Commits three files, then changes them in every way a person can: modified, deleted, renamed, and a new one. */
export async function changeEveryKind(repo: Repo): Promise<void> {
  await commitFiles(
    repo,
    { 'charts/a.yaml': 'a: 1\n', 'charts/b.yaml': 'b: 1\n', 'old name.yaml': 'x: 1\n' },
    'add',
  );
  write(repo, 'charts/a.yaml', 'a: 2\n');
  fs.rmSync(path.join(repo.path, 'charts/b.yaml'));
  fs.renameSync(path.join(repo.path, 'old name.yaml'), path.join(repo.path, 'new name.yaml'));
  write(repo, 'datasets/new.yaml', 'n: 1\n');
}

/** A repository whose main holds two commits of a.yaml: 'one' (`a: 1`), then 'two' (`a: 2`). */
export async function twoCommits(): Promise<{ repo: Repo; one: string; two: string }> {
  const repo = await newRepo();
  const one = await commitFiles(repo, { 'a.yaml': 'a: 1\n' }, 'one');
  const two = await commitFiles(repo, { 'a.yaml': 'a: 2\n' }, 'two');
  return { repo, one, two };
}
