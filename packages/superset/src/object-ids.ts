// Ids of charts and datasets by uuid, per Superset client, learned from exports (their file names carry the
// id): export and lookups take ids, and each lookup is a round trip. Callers check what an export holds, so an
// id that names another object by now is looked up again.
import { z } from 'zod';
import type { BundleFiles } from './bundle/bundle-zip.ts';
import { rison } from './rison.ts';
import type { SupersetClient } from './superset-client.ts';

export type ObjectKind = 'chart' | 'dataset';

const known = new WeakMap<SupersetClient, Map<string, number>>();

function idsOf(client: SupersetClient): Map<string, number> {
  let ids = known.get(client);
  if (!ids) known.set(client, (ids = new Map()));
  return ids;
}

export const uuidInText = (text: string): string | null =>
  text.match(/^uuid: '?([0-9a-f-]{36})'?$/m)?.[1] ?? null;

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

/** Ids of the objects with these uuids that exist there (one list call, up to 100 uuids). */
export async function lookupIds(
  client: SupersetClient,
  kind: ObjectKind | 'database',
  uuids: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (uuids.length === 0) return out;
  const answer = await client.json(
    {
      path: `/api/v1/${kind}/`,
      query: {
        q: rison({
          columns: ['id', 'uuid'],
          filters: [{ col: 'uuid', opr: 'in', value: uuids }],
          page_size: 100,
          page: 0,
        }),
      },
      action: `find ${kind}s`,
    },
    z.object({ result: z.array(z.object({ id: z.number(), uuid: z.string() })) }),
  );
  for (const row of answer.result) out.set(row.uuid, row.id);
  return out;
}
