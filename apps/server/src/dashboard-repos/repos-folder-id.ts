// Which servers share a repositories folder: the folder carries an id of its own, made by the first server that
// starts on it, so servers on one volume (or one data dir) find the same id and servers with a folder each find
// different ones. Work on a dashboard's work tree is queued for the servers of one id (see task-queue.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Its name in the repositories folder; a name no dashboard's folder (a uuid) can have. */
export const FOLDER_ID_FILE = '.folder-id';

const FolderId = z.uuid();

export function reposFolderId(reposDir: string): string {
  const file = path.join(reposDir, FOLDER_ID_FILE);
  if (!fs.existsSync(file)) {
    // Written aside and linked in: of two servers starting at once on one folder, one id wins and both read it.
    const aside = `${file}.${process.pid}.${crypto.randomUUID()}`;
    fs.writeFileSync(aside, `${crypto.randomUUID()}\n`);
    try {
      fs.linkSync(aside, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(aside, { force: true });
    }
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  const id = FolderId.safeParse(text);
  if (!id.success)
    throw new Error(
      `${file} should hold the repositories folder's id (a uuid) and holds "${text.slice(0, 60)}"; remove the file and start again.`,
    );
  return id.data;
}
