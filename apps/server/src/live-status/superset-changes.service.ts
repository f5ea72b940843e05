// What was edited in Superset since the repository last took or gave Superset's state, without a sync: for the
// dashboard page (its objects, with names and who changed them) and the hub (a yes/no per dashboard, with one
// list request per object type for the whole page).
import type { SupersetChanges } from '@superset-git/contracts';
import { log, type Repo } from '@superset-git/git';
import {
  newestChanges,
  objectsOf,
  readTree,
  type ChangedOnRow,
  type SupersetClient,
  type WatchedType,
} from '@superset-git/superset';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import type { DashboardRepoRow } from '../dashboard-repos/dashboard-repos.store.ts';
import type { ListedDashboard, PluginEnvironments } from '../plugins/plugin.ts';
import { knownBaseline, readBaseline } from './superset-baseline.ts';
import {
  earliestMarks,
  editedObjects,
  recentChanges,
  seenAll,
  type NewestChanges,
  type Watch,
} from './superset-edits.ts';

/** Pages of 100 read per type: a dashboard page may look further back than the hub, which serves many. */
const PAGE_LIMIT = { dashboard: 5, hub: 2 };

/** What the hub asks Superset's changes of: a dashboard's own change time comes with the hub's listing. */
const HUB_TYPES = ['chart', 'dataset'] as const satisfies readonly WatchedType[];

/** A listed dashboard's own change, as a list of Superset's changes would have it. */
const dashboardChange = ({ uuid, changedOn }: ListedDashboard): ChangedOnRow[] =>
  changedOn ? [{ type: 'dashboard', uuid, name: uuid, changedOn, changedBy: null }] : [];

/**
 * Superset's newest changes, as one hub page reads them, are shared with the hub pages asked for while that read
 * is under way: each read costs Superset two requests (about 110 ms of its time on the 2-core machine). Once it
 * is answered the next page asks again, so an edit made in Superset shows on the very next page.
 */
export class SupersetChangesService {
  /** The hub's read of Superset's newest changes under way, per environment. */
  private readonly hubNewest = new Map<number, NewestChanges>();

  constructor(
    private readonly repos: DashboardReposService,
    private readonly environments: PluginEnvironments,
    private readonly pollSeconds: number,
  ) {}

  async changes(uuid: string): Promise<SupersetChanges> {
    const { row, repo } = await this.repos.open(uuid);
    const checkedAt = new Date().toISOString();
    const found = await this.watchOf(row, repo);
    if (!found) {
      return {
        basis: 'unknown',
        since: null,
        complete: false,
        changes: [],
        checkedAt,
        pollSeconds: this.pollSeconds,
      };
    }
    const client = await this.environments.client(row.environmentId);
    const { rows, oldest } = await recentChanges(client, found.watch.marks, PAGE_LIMIT.dashboard);
    return {
      basis: found.basis,
      since: found.since,
      complete: seenAll(found.watch, oldest),
      changes: editedObjects(rows, found.watch),
      checkedAt,
      pollSeconds: this.pollSeconds,
    };
  }

  /**
   * A repository with a recorded baseline is watched from its marks. One from before baselines is watched from
   * its last sync or commit, whichever is later, on this server's clock (as exact as it and Superset's agree).
   */
  private async watchOf(
    row: DashboardRepoRow,
    repo: Repo,
  ): Promise<{ watch: Watch; basis: 'baseline' | 'last-sync'; since: string } | null> {
    const baseline = readBaseline(repo);
    if (baseline) {
      return {
        watch: { objects: new Set(Object.keys(baseline.objects)), marks: baseline.marks },
        basis: 'baseline',
        since: baseline.recordedAt,
      };
    }
    const lastCommit = await log(repo, { limit: 1 })
      .then((page) => page.items[0]?.committedAt ?? null)
      .catch(() => null);
    const times = [row.lastSyncAt, lastCommit].flatMap((time) => (time ? [new Date(time).getTime()] : []));
    if (times.length === 0) return null;
    const since = new Date(Math.max(...times)).toISOString();
    const objects = new Set(objectsOf(readTree(repo.path)).keys());
    return {
      watch: { objects, marks: { dashboard: since, chart: since, dataset: since } },
      basis: 'last-sync',
      since,
    };
  }

  /**
   * Whether each of the hub's connected dashboards that has a baseline was edited in Superset since (true/false);
   * the others are left out (unknown). Called as the hub's listing starts: Superset's newest changes are asked
   * for at once, alongside it, and the answer is read against the page's rows once they are known. Never fails
   * the hub: Superset not answering leaves every mark unknown.
   */
  hubEdits(
    environmentId: number,
  ): (rows: DashboardRepoRow[], listed: ListedDashboard[]) => Promise<Map<string, boolean | null>> {
    const early = this.newestOf(environmentId);
    return async (rows, listed) => {
      const edits = new Map<string, boolean | null>();
      const watches = new Map<string, Watch>();
      for (const row of rows) {
        const baseline = knownBaseline(this.repos.repoOf(row));
        if (baseline)
          watches.set(row.dashboardUuid, {
            objects: new Set(Object.keys(baseline.objects)),
            marks: baseline.marks,
          });
      }
      if (watches.size === 0) return edits;
      try {
        const started = await early;
        const client = started?.client ?? (await this.environments.client(environmentId));
        const since = earliestMarks([...watches.values()]);
        const { rows, oldest } = await recentChanges(
          client,
          since,
          PAGE_LIMIT.hub,
          started?.newest,
          HUB_TYPES,
        );
        // Each dashboard's own change time came with the listing: no list of Superset's dashboard changes.
        const changes = [...rows, ...listed.flatMap(dashboardChange)];
        for (const [uuid, watch] of watches) {
          const edited = editedObjects(changes, watch).length > 0;
          edits.set(uuid, edited ? true : seenAll(watch, oldest) ? false : null);
        }
      } catch {
        // Unknown, not "clean": the hub shows the rest of the git column as usual.
      }
      return edits;
    };
  }

  /**
   * Superset's newest changes of each type, asked for now (or shared with a hub page whose read is under way),
   * when the environment has any repository syncing from it (a hub of an environment dashboards are only deployed
   * into asks nothing); null otherwise.
   */
  private async newestOf(
    environmentId: number,
  ): Promise<{ client: SupersetClient; newest: NewestChanges } | null> {
    try {
      if (!(await this.repos.anySyncFrom(environmentId))) return null;
      const client = await this.environments.client(environmentId);
      const underWay = this.hubNewest.get(environmentId);
      if (underWay) return { client, newest: underWay };
      const newest: NewestChanges = Object.fromEntries(
        HUB_TYPES.map((type) => [type, newestChanges(client, type)]),
      );
      this.hubNewest.set(environmentId, newest);
      // Forgotten once answered. Waiting on every answer here also handles a failure of one that is read later,
      // or never (a page with no watched row).
      void Promise.allSettled(Object.values(newest)).then(() => {
        if (this.hubNewest.get(environmentId) === newest) this.hubNewest.delete(environmentId);
      });
      return { client, newest };
    } catch {
      return null;
    }
  }
}
