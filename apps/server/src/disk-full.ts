// A full disk under the data dir (SQLite's SQLITE_FULL, a file write's ENOSPC): one clear message, wherever it
// surfaces (an answer or a task).
import { causesOf } from './error-causes.ts';

export const DISK_FULL_MESSAGE =
  'The disk holding the data directory is full: nothing was changed. Free space and try again.';

/** Whether the error, or one it was caused by, is a full disk. */
export function isDiskFull(error: unknown): boolean {
  for (const { code } of causesOf(error, 5))
    if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT' || code === 'DISK_FULL') return true;
  return false;
}
