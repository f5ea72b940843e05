// A whole environment's drift check: a run started now on request ("Check drift now"), and the environment's last
// run as the hub shows it ("last checked at 14:02: 300 dashboards, 2 drifted, took 21 s").
import { z } from 'zod';

/** One finished drift check of every dashboard live on an environment. */
export const DriftCheckRun = z
  .object({
    environmentId: z.number().int(),
    startedAt: z.iso.datetime(),
    /** When the last dashboard's result was stored. */
    finishedAt: z.iso.datetime(),
    /** Dashboards compared (every dashboard with a live deployment there). */
    checked: z.number().int(),
    /** Of those, how many differ from their live version. */
    drifted: z.number().int(),
    /** Of those, how many could not be compared (their `lastCheck.error` says why). */
    failed: z.number().int(),
    /** Null when the server restarted since the run (only the per-dashboard results were kept). */
    durationMs: z.number().int().nullable(),
  })
  .meta({ id: 'DriftCheckRun' });
export type DriftCheckRun = z.infer<typeof DriftCheckRun>;

/** The run in progress on an environment. */
export const DriftCheckProgress = z
  .object({
    startedAt: z.iso.datetime(),
    done: z.number().int(),
    total: z.number().int(),
    /** The task following it when started on request; null for a scheduled run. */
    taskId: z.number().int().nullable(),
  })
  .meta({ id: 'DriftCheckProgress' });
export type DriftCheckProgress = z.infer<typeof DriftCheckProgress>;

export const DriftCheckStatus = z
  .object({
    /** Dashboards with a live deployment on the environment (what a check compares). */
    live: z.number().int(),
    /** The scheduled interval in minutes (deploy settings); null: only on request. */
    everyMinutes: z.number().int().nullable(),
    running: DriftCheckProgress.nullable(),
    /** The last finished run; null: never checked. */
    last: DriftCheckRun.nullable(),
  })
  .meta({ id: 'DriftCheckStatus' });
export type DriftCheckStatus = z.infer<typeof DriftCheckStatus>;
