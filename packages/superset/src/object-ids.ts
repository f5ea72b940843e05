// Ids of charts and datasets by uuid, per Superset client, learned from exports (their file names carry the
// id): export and lookups take ids, and each lookup is a round trip. Callers check what an export holds, so an
// id that names another object by now is looked up again.
import { z } from 'zod';
import { SupersetUuid } from '@superset-git/contracts';
import type { BundleFiles } from './bundle/bundle-zip.ts';
import { rison, type RisonValue } from './rison.ts';
import type { SupersetClient } from './superset-client.ts';
import { SupersetError } from './superset-error.ts';
import { supersetRelease } from './identity-api.ts';
import { filtersByUuid } from './versions/superset-release.ts';

export type ObjectKind = 'chart' | 'dataset';

const known = new WeakMap<SupersetClient, Map<string, number>>();

function idsOf(client: SupersetClient): Map<string, number> {
  let ids = known.get(client);
  if (!ids) known.set(client, (ids = new Map()));
  return ids;
}

export const uuidInText = (text: string): string | null =>
  text.match(/^uuid: '?([0-9a-fA-F-]{36})'?$/m)?.[1] ?? null;

/** Remembers the ids an export's file names show (`charts/Revenue_12.yaml`, `datasets/db/sales_3.yaml`). */
export function rememberIds(client: SupersetClient, files: BundleFiles): void {
  const ids = idsOf(client);
  for (const [file, text] of files) {
    const kind = file.startsWith('charts/') ? 'chart' : file.startsWith('datasets/') ? 'dataset' : null;
    const id = file.match(/_(\d+)\.yaml$/)?.[1];
    const uuid = kind && id ? uuidInText(text) : null;
    if (uuid) ids.set(`${kind}:${uuid}`, Number(id));
  }
}

export function knownId(client: SupersetClient, kind: ObjectKind, uuid: string): number | undefined {
  return idsOf(client).get(`${kind}:${uuid}`);
}

export function forgetId(client: SupersetClient, kind: ObjectKind, uuid: string): void {
  idsOf(client).delete(`${kind}:${uuid}`);
}

/** What the list endpoints answer at least: every row with its id and uuid. */
const IdRow = z.object({ id: z.number(), uuid: z.string() });
type IdRow = z.infer<typeof IdRow>;

export type ListedKind = ObjectKind | 'database' | 'dashboard';

const isUuid = (value: string) => SupersetUuid().safeParse(value).success;

const listRows = <Row extends IdRow>(
  client: SupersetClient,
  kind: ListedKind,
  row: z.ZodType<Row>,
  q: RisonValue,
) =>
  client.json(
    { path: `/api/v1/${kind}/`, query: { q: rison(q) }, action: `find ${kind}s` },
    z.object({ count: z.number().optional(), result: z.array(row) }),
  );

/** By a `uuid in (…)` filter, 100 at a time. */
async function filteredRows<Row extends IdRow>(
  client: SupersetClient,
  kind: ListedKind,
  uuids: string[],
  columns: string[],
  row: z.ZodType<Row>,
): Promise<Map<string, Row>> {
  const out = new Map<string, Row>();
  for (let start = 0; start < uuids.length; start += 100) {
    const answer = await listRows(client, kind, row, {
      columns,
      filters: [{ col: 'uuid', opr: 'in', value: uuids.slice(start, start + 100) }],
      page_size: 100,
      page: 0,
    });
    for (const found of answer.result) out.set(found.uuid, found);
  }
  return out;
}

/**
 * Where `uuid` is no filter column (charts, datasets and dashboards on 4.1 and 5.0): the list, newest change
 * first, until every uuid is seen. What was just imported or edited comes first, so that is usually the first
 * page.
 */
async function pagedRows<Row extends IdRow>(
  client: SupersetClient,
  kind: ListedKind,
  uuids: string[],
  columns: string[],
  row: z.ZodType<Row>,
): Promise<Map<string, Row>> {
  const wanted = new Set(uuids);
  const out = new Map<string, Row>();
  const page = (number: number) =>
    listRows(client, kind, row, {
      columns,
      // What the list orders by changed_on as (4.1–6.1 allow no other name for it).
      order_column: 'changed_on_delta_humanized',
      order_direction: 'desc',
      page_size: 100,
      page: number,
    });
  const take = (rows: Row[]) => {
    for (const found of rows) if (wanted.has(found.uuid)) out.set(found.uuid, found);
    const ids = idsOf(client);
    if (kind === 'chart' || kind === 'dataset')
      for (const found of rows) ids.set(`${kind}:${found.uuid}`, found.id);
  };
  const first = await page(0);
  take(first.result);
  const pages = Math.ceil((first.count ?? first.result.length) / 100);
  // The rest four pages at a time, stopping once everything is found.
  for (let next = 1; next < pages && out.size < wanted.size; next += 4) {
    const answers = await Promise.all(
      Array.from({ length: Math.min(4, pages - next) }, (_, index) => page(next + index)),
    );
    for (const answer of answers) take(answer.result);
  }
  return out;
}

/** The list rows (id, uuid and `columns`) of the objects with these uuids that exist there, by uuid. */
export async function listByUuid<Row extends IdRow>(
  client: SupersetClient,
  kind: ListedKind,
  uuids: string[],
  columns: string[],
  row: z.ZodType<Row>,
): Promise<Map<string, Row>> {
  // A value that is not a uuid makes Superset answer 500 on some lists; it names nothing there anyway.
  const valid = [...new Set(uuids.filter(isUuid))];
  if (valid.length === 0) return new Map();
  const asked = ['id', 'uuid', ...columns];
  if (kind === 'database' || filtersByUuid(await supersetRelease(client))) {
    try {
      return await filteredRows(client, kind, valid, asked, row);
    } catch (error) {
      // A release that does not say its version and refuses the filter.
      if (!(error instanceof SupersetError) || !/not allowed to filter/i.test(error.message)) throw error;
    }
  }
  return pagedRows(client, kind, valid, asked, row);
}

/** Ids of the objects with these uuids that exist there. */
export async function lookupIds(
  client: SupersetClient,
  kind: ObjectKind | 'database',
  uuids: string[],
): Promise<Map<string, number>> {
  const rows = await listByUuid(client, kind, uuids, [], IdRow);
  return new Map([...rows].map(([uuid, found]) => [uuid, found.id]));
}
