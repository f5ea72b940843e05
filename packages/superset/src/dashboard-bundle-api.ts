// A dashboard's bundle: export by uuid (Superset's export takes numeric ids), and import with overwrite.
import { FormData } from 'undici';
import { z } from 'zod';
import { rison } from './rison.ts';
import type { SupersetClient } from './superset-client.ts';

export async function dashboardIdOf(client: SupersetClient, uuid: string): Promise<number> {
  const answer = await client.json(
    { path: `/api/v1/dashboard/${encodeURIComponent(uuid)}`, action: 'find the dashboard' },
    z.object({ result: z.object({ id: z.number().int() }) }),
  );
  return answer.result.id;
}

/** The dashboard's export ZIP, as Superset makes it. */
export async function exportDashboardBundle(client: SupersetClient, uuid: string): Promise<Uint8Array> {
  const id = await dashboardIdOf(client, uuid);
  return client.bytes({
    path: '/api/v1/dashboard/export/',
    query: { q: rison([id]) },
    action: 'export the dashboard',
  });
}

/** Imports a dashboard bundle, overwriting the dashboard; `passwords` maps database files to passwords. */
export async function importDashboardBundle(
  client: SupersetClient,
  zip: Uint8Array,
  passwords: Record<string, string> = {},
): Promise<void> {
  const form = new FormData();
  form.set('formData', new Blob([zip], { type: 'application/zip' }), 'bundle.zip');
  form.set('overwrite', 'true');
  if (Object.keys(passwords).length > 0) form.set('passwords', JSON.stringify(passwords));
  await client.call({
    method: 'POST',
    path: '/api/v1/dashboard/import/',
    form,
    action: 'import the dashboard',
  });
}
