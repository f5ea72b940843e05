// git's progress on stderr: each phase rewrites one line with `\r` ("Counting objects:  42% (42/100)") and ends it
// with ", done.". Only the finished line of a phase is worth a log line; the rest would flood a task's log.

const PHASE = /^(remote: )?[A-Za-z][A-Za-z ]*: +\d{1,3}% \(\d+\/\d+\)/;

/** Whether a progress line is an interim state of a phase that a later line finishes. */
export function isInterimProgress(line: string): boolean {
  // The last state of a phase is at 100% ("…, done.", or "…, completed with 2 local objects.").
  return PHASE.test(line) && !/ 100% /.test(line) && !/\bdone\.?\s*$/.test(line);
}
