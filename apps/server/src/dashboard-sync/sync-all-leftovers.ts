// What a connect cut off by a stop of the server leaves: a repository folder with no row in the database, so the
// next connect of that dashboard is refused. A sync-all that resumes clears such a folder when the interrupted run
// made it and it holds nothing but the first commit; anything older or with history is left for a person.
import fs from 'node:fs';
import { log, openRepo } from '@superset-git/git';

/** Removes `dir` when it was made at or after `since` and holds at most one commit; answers whether it did. */
export async function clearCutConnect(dir: string, since: string): Promise<boolean> {
  let made: number;
  try {
    made = fs.statSync(dir).ctimeMs;
  } catch {
    return false;
  }
  if (made < Date.parse(since)) return false;
  const commits = await log(openRepo(dir), { limit: 1 })
    .then((page) => page.items.length + (page.nextCursor ? 1 : 0))
    // Cut before its first commit (or before git made it a repository at all).
    .catch(() => 0);
  if (commits > 1) return false;
  fs.rmSync(dir, { recursive: true, force: true });
  return true;
}
