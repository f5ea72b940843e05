// Git objects read and written in this process where that is safe: a loose object is one zlib-deflated file
// ("<type> <size>\0<content>") named by its SHA-1. Objects in packs are read by one `cat-file --batch`; a
// repository with SHA-256 object names is left to git (writeLooseObject answers null, the caller uses git).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { GitError } from './git-error.ts';
import { readBlobs } from './read-blobs.ts';
import type { Git, Repo } from './repo.ts';

const SHA1 = /^[0-9a-f]{40}$/;

function objectFile(repo: Repo, oid: string): string {
  return path.join(repo.gitDir, 'objects', oid.slice(0, 2), oid.slice(2));
}

/** A loose object's content, or null when it is not loose (packed, or not a SHA-1 name). */
function readLoose(repo: Repo, oid: string): Buffer | null {
  if (!SHA1.test(oid)) return null;
  let raw: Buffer;
  try {
    raw = zlib.inflateSync(fs.readFileSync(objectFile(repo, oid)));
  } catch {
    return null;
  }
  const nul = raw.indexOf(0);
  const size = Number(raw.toString('latin1', 0, nul).split(' ')[1]);
  return nul > 0 && raw.length - nul - 1 === size ? raw.subarray(nul + 1) : null;
}

/** Each object's content by id: loose ones read here, the rest (packed) by one git process. */
export async function readObjects(
  git: Git,
  repo: Repo,
  oids: readonly string[],
): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  const packed: string[] = [];
  for (const oid of new Set(oids)) {
    const content = readLoose(repo, oid);
    if (content) found.set(oid, content);
    else packed.push(oid);
  }
  const contents = await readBlobs(git, packed);
  packed.forEach((oid, index) => found.set(oid, contents[index]!));
  return found;
}

/**
 * Reads objects here when asked, for a caller that may need only some: a reader when every one is loose,
 * null when some are packed (read those with readObjects).
 */
export function looseReader(repo: Repo, oids: readonly string[]): ((oid: string) => Buffer) | null {
  if (!oids.every((oid) => SHA1.test(oid) && fs.existsSync(objectFile(repo, oid)))) return null;
  return (oid) => {
    const content = readLoose(repo, oid);
    if (!content)
      throw new GitError('GIT_REPO_DAMAGED', `Object ${oid} cannot be read: the repository is damaged.`);
    return content;
  };
}

/**
 * Stores an object as git would (a temporary file renamed into place, read-only), answering its id; null when
 * the repository names objects by SHA-256, which this does not write.
 */
export function writeLooseObject(
  repo: Repo,
  type: 'blob' | 'tree' | 'commit',
  content: Buffer,
): string | null {
  if (!usesSha1(repo)) return null;
  const raw = Buffer.concat([Buffer.from(`${type} ${content.length}\0`, 'latin1'), content]);
  const oid = crypto.createHash('sha1').update(raw).digest('hex');
  const file = objectFile(repo, oid);
  if (fs.existsSync(file)) return oid;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `tmp_obj_${process.pid}_${crypto.randomUUID()}`);
  try {
    fs.writeFileSync(temporary, zlib.deflateSync(raw, { level: 1 }), { mode: 0o444 });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  return oid;
}

const sha1Repos = new Map<string, boolean>();

/** Whether the repository names objects by SHA-1 (git's default), read once from its config. */
function usesSha1(repo: Repo): boolean {
  let known = sha1Repos.get(repo.gitDir);
  if (known === undefined) {
    const config = fs.readFileSync(path.join(repo.gitDir, 'config'), 'utf8');
    known = !/^\s*objectformat\s*=\s*sha256\s*$/im.test(config);
    sha1Repos.set(repo.gitDir, known);
  }
  return known;
}
