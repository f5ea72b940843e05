// A target that stops answering in the middle of a deploy (restarted, behind a load balancer answering 502):
// putting it back is retried until it answers again, within a limit, so it does not stay half deployed.
import { SupersetError } from '../superset-error.ts';
import type { CleanupLog } from './target-cleanup.ts';

/** How long a failed deploy keeps trying to put the target back while it does not answer. */
const PUT_BACK_WAIT_MS = 180_000;
const PUT_BACK_EVERY_MS = 3_000;

/** Superset did not answer at all, or only its proxy did: the same call may work later. */
function isOutage(error: unknown): boolean {
  if (!(error instanceof SupersetError)) return false;
  if (error.code === 'SUPERSET_UNREACHABLE' || error.code === 'SUPERSET_TIMEOUT') return true;
  return error.status === 502 || error.status === 503 || error.status === 504;
}

/** Runs `work`; while it fails because the target does not answer, tries again every few seconds until `waitMs`. */
export async function onceTargetAnswers<T>(
  work: () => Promise<T>,
  log: CleanupLog,
  waitMs = PUT_BACK_WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isOutage(error) || Date.now() + PUT_BACK_EVERY_MS > deadline) throw error;
      if (attempt === 1)
        log(
          `The target does not answer; trying to put it back every ${PUT_BACK_EVERY_MS / 1000} s for up to ${Math.round(waitMs / 60_000)} min`,
          'warn',
        );
      await new Promise((resolve) => setTimeout(resolve, PUT_BACK_EVERY_MS));
    }
  }
}
