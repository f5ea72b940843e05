// Who last changed a dashboard's objects in Superset: `changed_by` and `changed_on_utc` of the dashboard, chart
// and dataset list endpoints (4.1–6.1 list them; they give a user's id and names, never a username or email).
import { z } from 'zod';
import { listByUuid } from './object-ids.ts';
import type { SupersetClient } from './superset-client.ts';

export type AuthoredKind = 'dashboard' | 'chart' | 'dataset';

export interface AuthoredObject {
  kind: AuthoredKind;
  uuid: string;
}

export interface SupersetEditor {
  /** The user's id on that Superset instance. */
  id: number;
  /** First and last name as Superset shows them. */
  name: string;
  /** When they last changed one of the objects (Superset's `changed_on_utc`). */
  changedAt: string;
}

const EditorRow = z.object({
  id: z.number(),
  uuid: z.string(),
  changed_on_utc: z.string().nullish(),
  changed_by: z
    .object({
      id: z.number().nullish(),
      first_name: z.string().nullish(),
      last_name: z.string().nullish(),
    })
    .nullish(),
});

const COLUMNS = ['changed_on_utc', 'changed_by.id', 'changed_by.first_name', 'changed_by.last_name'];

/**
 * Who last changed each of these objects, by uuid. Objects Superset no longer has, or changed by no user (a CLI
 * import), are left out. One list request per kind and 100 objects on 6.0+, a few pages of the newest changes
 * before.
 */
export async function lastEditors(
  client: SupersetClient,
  objects: AuthoredObject[],
): Promise<Map<string, SupersetEditor>> {
  const kinds = [...new Set(objects.map((object) => object.kind))];
  const listed = await Promise.all(
    kinds.map((kind) =>
      listByUuid(
        client,
        kind,
        objects.filter((object) => object.kind === kind).map((object) => object.uuid),
        COLUMNS,
        EditorRow,
      ),
    ),
  );
  const editors = new Map<string, SupersetEditor>();
  for (const row of listed.flatMap((rows) => [...rows.values()])) {
    const by = row.changed_by;
    if (typeof by?.id !== 'number') continue;
    const name = [by.first_name, by.last_name].filter(Boolean).join(' ').trim();
    // Every release writes the same UTC format, so the text orders as the time does.
    editors.set(row.uuid, {
      id: by.id,
      name: name || `Superset user ${by.id}`,
      changedAt: row.changed_on_utc ?? '',
    });
  }
  return editors;
}
