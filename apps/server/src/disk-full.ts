// A full disk under the data dir (SQLite's SQLITE_FULL, a file write's ENOSPC): one clear message, wherever it
// surfaces (an answer or a task).
export const DISK_FULL_MESSAGE =
  'The disk holding the data directory is full: nothing was changed. Free space and try again.';

/** Whether the error, or one it was caused by, is a full disk. */
export function isDiskFull(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT' || code === 'DISK_FULL') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
