// Lists dashboards of a Superset instance, paging through its 100-per-page limit.
import { z } from 'zod';
import { rison } from './rison.ts';
import type { SupersetClient } from './superset-client.ts';

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
  // The first page tells how many there are; the rest of the window is asked for at once.
  const head = await page(first);
  const end = Math.min(last, Math.ceil(head.count / size) - 1);
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, end - first) }, (_, index) => page(first + 1 + index)),
  );
  const rows = [head, ...rest].flatMap((answer) => answer.result);
  const skip = options.offset - first * size;
  return { count: head.count, result: rows.slice(skip, skip + options.limit) };
}
