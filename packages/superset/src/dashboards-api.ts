// Dashboards of a Superset instance: listed (paging through its 100-per-page limit), and found by id, slug or
// uuid on every release.
import { z } from 'zod';
import { rison } from './rison.ts';
import type { SupersetClient } from './superset-client.ts';
import { nullWhenMissing, SupersetError } from './superset-error.ts';

/** Superset caps `page_size` at 100 on list endpoints. */
export const SUPERSET_MAX_PAGE_SIZE = 100;

const Owner = z.object({
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  username: z.string().nullish(),
  email: z.string().nullish(),
});

export const SupersetDashboard = z.object({
  id: z.number().int(),
  uuid: z.string().nullish(),
  dashboard_title: z.string().nullish(),
  slug: z.string().nullish(),
  published: z.boolean().nullish(),
  changed_on_utc: z.string().nullish(),
  url: z.string().nullish(),
  owners: z.array(Owner).nullish(),
});
export type SupersetDashboard = z.infer<typeof SupersetDashboard>;

const DashboardListAnswer = z.object({ count: z.number().int(), result: z.array(SupersetDashboard) });

export interface DashboardListPage {
  count: number;
  result: SupersetDashboard[];
}

/**
 * The columns the hub shows. Asking for them (rather than Superset's default set, with tags, roles, charts and
 * more) makes a page of 100 about three times faster to answer.
 */
const LIST_COLUMNS = [
  'id',
  'uuid',
  'dashboard_title',
  'slug',
  'published',
  'changed_on_utc',
  'url',
  'owners.first_name',
  'owners.last_name',
];

/** One Superset page (0-based, at most 100 rows), newest change first. */
export async function listDashboardsPage(
  client: SupersetClient,
  options: { search?: string; page: number; pageSize: number },
): Promise<DashboardListPage> {
  const q = rison({
    page: options.page,
    page_size: Math.min(options.pageSize, SUPERSET_MAX_PAGE_SIZE),
    order_column: 'changed_on',
    order_direction: 'desc',
    columns: LIST_COLUMNS,
    filters: options.search
      ? [{ col: 'dashboard_title', opr: 'title_or_slug', value: options.search }]
      : undefined,
  });
  return client.json(
    { path: '/api/v1/dashboard/', query: { q }, action: 'list dashboards' },
    DashboardListAnswer,
  );
}

/**
 * Rows [offset, offset+limit) of the dashboard list, fetched as however many Superset pages that spans.
 * Pages are requested in Superset's largest page size so that a window never needs more than
 * ceil(limit/100)+1 requests.
 */
export async function listDashboardsWindow(
  client: SupersetClient,
  options: { search?: string; offset: number; limit: number },
): Promise<DashboardListPage> {
  const size = SUPERSET_MAX_PAGE_SIZE;
  const first = Math.floor(options.offset / size);
  const last = Math.floor((options.offset + options.limit - 1) / size);
  const page = (number: number) =>
    listDashboardsPage(client, {
      page: number,
      pageSize: size,
      ...(options.search ? { search: options.search } : {}),
    });
  // Every page of the window at once, without waiting for the first to tell how many there are: a page past the
  // end answers no rows.
  const answers = await Promise.all(
    Array.from({ length: last - first + 1 }, (_, index) => page(first + index)),
  );
  const rows = answers.flatMap((answer) => answer.result);
  const skip = options.offset - first * size;
  return { count: answers[0]!.count, result: rows.slice(skip, skip + options.limit) };
}

const DashboardRef = z.object({ result: z.object({ id: z.number().int(), uuid: z.string().optional() }) });

/** The dashboard an id, slug or uuid names: its id, and its uuid where the release tells it; null when none. */
async function readDashboard(client: SupersetClient, ref: string) {
  const answer = await nullWhenMissing(
    client.json(
      { path: `/api/v1/dashboard/${encodeURIComponent(ref)}`, action: 'find a dashboard' },
      DashboardRef,
    ),
  );
  return answer?.result ?? null;
}

/** The id of a dashboard by uuid, or null when the instance has none. */
export async function dashboardIdOrNull(client: SupersetClient, uuid: string): Promise<number | null> {
  return (await readDashboard(client, uuid))?.id ?? null;
}

/**
 * The dashboard's uuid and id when `ref` (id, slug or uuid) names one there, else null. 4.1 and 5.0 leave `uuid`
 * out of the answer: it is then read from the list, filtered by id.
 */
export async function findDashboard(
  client: SupersetClient,
  ref: string,
): Promise<{ id: number; uuid: string } | null> {
  const found = await readDashboard(client, ref);
  if (!found) return null;
  if (found.uuid) return { id: found.id, uuid: found.uuid };
  const listed = await client.json(
    {
      path: '/api/v1/dashboard/',
      query: { q: rison({ columns: ['id', 'uuid'], filters: [{ col: 'id', opr: 'eq', value: found.id }] }) },
      action: "read the dashboard's uuid",
    },
    z.object({ result: z.array(z.object({ id: z.number(), uuid: z.string() })) }),
  );
  const row = listed.result.find((candidate) => candidate.id === found.id);
  if (!row) throw new SupersetError('SUPERSET_ERROR', `Superset lists no uuid for dashboard ${found.id}.`);
  return row;
}
