// Every dashboard of an instance, streamed in windows of ids. Superset lists newest change first and cannot order
// by id, so paging by offset through a list that takes minutes to work through skips a dashboard edited meanwhile
// and repeats another; an id never changes, so windows of ids should see each dashboard exactly once. Superset's
// answers were still seen to repeat a dashboard once and to leave some out: none is handed over twice, and a last
// look takes any the windows did not see, so that a stream never ends short or long without saying so.
import { z } from 'zod';
import { rison } from './rison.ts';
import type { SupersetClient } from './superset-client.ts';
import { SUPERSET_MAX_PAGE_SIZE } from './dashboards-api.ts';

const Row = z.object({
  id: z.number().int(),
  uuid: z.string().nullish(),
  dashboard_title: z.string().nullish(),
});
const Answer = z.object({ count: z.number().int(), result: z.array(Row) });

export interface DashboardRef {
  id: number;
  uuid: string | null;
  title: string;
}

export interface DashboardIdWindow {
  dashboards: DashboardRef[];
  /** How many dashboards the whole stream holds, as far as is known now (seen so far plus those still ahead). */
  expected: number;
  /** Set on the second look's window: dashboards Superset lists now that the windows of ids did not see. */
  unseen?: true;
  /** Dashboards Superset answered in this window that an earlier answer already held, left out. */
  repeated?: number;
}

type Filter = { col: string; opr: string; value: number };

async function list(client: SupersetClient, filters: Filter[], page = 0) {
  const q = rison({
    page,
    page_size: SUPERSET_MAX_PAGE_SIZE,
    columns: ['id', 'uuid', 'dashboard_title'],
    filters,
  });
  return client.json({ path: '/api/v1/dashboard/', query: { q }, action: 'list dashboards' }, Answer);
}

const refOf = (row: z.infer<typeof Row>): DashboardRef => ({
  id: row.id,
  uuid: row.uuid ?? null,
  title: row.dashboard_title ?? `Dashboard ${row.id}`,
});

/**
 * Windows of at most 100 dashboards, lowest ids first; only one window is held at a time (and the ids seen, a
 * number each). Each step asks how many lie beyond the last window (the rest at once when they fit in one answer);
 * a window wider than 100 ids is tried where ids are sparse, and narrowed when it holds more than one answer can
 * carry. A dashboard already seen is never handed over again (`repeated` counts those dropped), and when Superset
 * then counts more dashboards than were seen, a last window holds the rest (`unseen`).
 */
export async function* dashboardsById(client: SupersetClient): AsyncGenerator<DashboardIdWindow> {
  const seen = new Set<number>();
  /** The dashboards of `rows` not seen yet, now seen; how many were. */
  const firstSeen = (rows: DashboardRef[]) => {
    const fresh: DashboardRef[] = [];
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      fresh.push(row);
    }
    return { fresh, repeated: rows.length - fresh.length };
  };
  for await (const window of idWindows(client)) {
    const { fresh, repeated } = firstSeen(window.dashboards);
    if (fresh.length > 0 || repeated > 0)
      yield { ...window, dashboards: fresh, ...(repeated > 0 ? { repeated } : {}) };
  }
  const unseen: DashboardRef[] = [];
  let count = 0;
  // Superset's own order (newest change first) is good enough for this one look, made only when the count says
  // something was missed: a dashboard edited between two of its pages is caught by the next sync-all.
  for (let page = 0; page === 0 || page * SUPERSET_MAX_PAGE_SIZE < count; page += 1) {
    const answer = await list(client, [], page);
    count = answer.count;
    if (count <= seen.size) break;
    unseen.push(...firstSeen(answer.result.map(refOf)).fresh);
  }
  if (unseen.length > 0)
    yield { dashboards: unseen.sort((a, b) => a.id - b.id), expected: seen.size, unseen: true };
}

async function* idWindows(client: SupersetClient): AsyncGenerator<DashboardIdWindow> {
  let after = 0;
  let seen = 0;
  let width = SUPERSET_MAX_PAGE_SIZE;
  for (;;) {
    const rest = await list(client, [{ col: 'id', opr: 'gt', value: after }]);
    if (rest.result.length === 0) return;
    const expected = seen + rest.count;
    if (rest.count <= SUPERSET_MAX_PAGE_SIZE) {
      yield { dashboards: rest.result.map(refOf).sort((a, b) => a.id - b.id), expected };
      return;
    }
    const window = await list(client, [
      { col: 'id', opr: 'gt', value: after },
      { col: 'id', opr: 'lt', value: after + width + 1 },
    ]);
    if (window.count > window.result.length) {
      width = Math.max(SUPERSET_MAX_PAGE_SIZE, Math.floor(width / 2));
      continue;
    }
    after += width;
    seen += window.result.length;
    if (window.result.length < SUPERSET_MAX_PAGE_SIZE / 2) width *= 2;
    if (window.result.length > 0)
      yield { dashboards: window.result.map(refOf).sort((a, b) => a.id - b.id), expected };
  }
}
