// Live status of a dashboard's repository without a sync or a pull: the objects edited in Superset since the
// repository last took Superset's state, and the outcome of the quiet background fetch from the git server.
import { z } from 'zod';

export const SupersetChangedObject = z
  .object({
    type: z.enum(['dashboard', 'chart', 'dataset']),
    uuid: z.string(),
    /** The dashboard title, chart name or dataset table as Superset names it now. */
    name: z.string(),
    /** When Superset says it last changed (its own clock, UTC). */
    changedOn: z.string(),
    /** Who changed it, when Superset tells. */
    changedBy: z.string().nullable(),
  })
  .meta({ id: 'SupersetChangedObject' });
export type SupersetChangedObject = z.infer<typeof SupersetChangedObject>;

export const SupersetChanges = z
  .object({
    /**
     * What the edits are measured against: `baseline` (Superset's change times recorded at the last sync,
     * pull, switch or import), `last-sync` (a repository from before baselines: the time of its last sync or
     * commit, as precise as the two clocks agree) or `unknown` (never synced nor committed: nothing is said).
     */
    basis: z.enum(['baseline', 'last-sync', 'unknown']),
    since: z.iso.datetime().nullable(),
    /** False when Superset changed so much since then that not every change was looked at. */
    complete: z.boolean(),
    changes: z.array(SupersetChangedObject),
    checkedAt: z.iso.datetime(),
    /** How often the UI should ask again while the page is visible. */
    pollSeconds: z.number().int().positive(),
  })
  .meta({ id: 'SupersetChanges' });
export type SupersetChanges = z.infer<typeof SupersetChanges>;

export const RemoteFetchState = z
  .object({
    /** The git server's host; null when the repository has no remote (nothing is fetched). */
    server: z.string().nullable(),
    /** When the last fetch that reached the server finished. */
    fetchedAt: z.iso.datetime().nullable(),
    /** When a fetch last moved a remote branch: ahead/behind may have changed then. */
    movedAt: z.iso.datetime().nullable(),
    /** Why the last fetch failed, when it did; the repository is left as it was. */
    error: z.string().nullable(),
    /** When the next fetch may run: fetches are rate-limited per repository. */
    nextFetchAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'RemoteFetchState' });
export type RemoteFetchState = z.infer<typeof RemoteFetchState>;

/**
 * Stored in a repository's `.git` folder: Superset's newest change time per object type when the repository last
 * took Superset's state (sync) or gave it (pull, switch, import, restore), and the objects it held then.
 */
export const SupersetBaseline = z.object({
  version: z.literal(1),
  recordedAt: z.iso.datetime(),
  marks: z.object({
    dashboard: z.string().nullable(),
    chart: z.string().nullable(),
    dataset: z.string().nullable(),
  }),
  objects: z.record(
    z.string(),
    z.object({ type: z.enum(['dashboard', 'chart', 'dataset']), name: z.string().nullable() }),
  ),
});
export type SupersetBaseline = z.infer<typeof SupersetBaseline>;
