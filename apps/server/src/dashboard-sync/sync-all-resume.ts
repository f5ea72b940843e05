// Where a sync-all cut off by a stop of the server left off. A running sync-all keeps a checkpoint in its task's
// result (its environment, and since when its syncs count); a dashboard whose repository was synced after that
// time needs no second sync when the same environment's sync-all is started again. No table of its own: the
// tasks table and the repositories' last-synced times already hold all of it.
import { INTERRUPTED_ERROR } from '../tasks/task-owners.ts';
import type { TaskRunner } from '../tasks/task-runner.ts';

export const SYNC_ALL_KIND = 'environment.sync-all';

export interface SyncAllCheckpoint {
  environmentId: number;
  /** When the first of a chain of interrupted runs started: a sync at or after it is this chain's work. */
  since: string;
}

export interface ResumePoint extends SyncAllCheckpoint {
  /** The interrupted task. */
  taskId: number;
}

/** How many recent sync-all tasks (of every environment) are looked through for this environment's last one. */
const LOOK_BACK = 50;

/**
 * The interrupted run this one carries on from: the environment's previous sync-all, when the server stopped
 * while it ran. A run that ended (well or with failures) leaves nothing to resume.
 */
export async function resumePoint(
  tasks: TaskRunner,
  environmentId: number,
  currentTaskId: number,
): Promise<ResumePoint | null> {
  for (const task of await tasks.recentOfKind(SYNC_ALL_KIND, LOOK_BACK)) {
    if (task.id === currentTaskId) continue;
    const result = task.result as Partial<SyncAllCheckpoint> | null;
    if (result?.environmentId !== environmentId) continue;
    if (task.state !== 'FAILED' || task.error !== INTERRUPTED_ERROR || typeof result.since !== 'string')
      return null;
    return { environmentId, since: result.since, taskId: task.id };
  }
  return null;
}
