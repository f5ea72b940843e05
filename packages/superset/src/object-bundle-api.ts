// Charts and datasets one by one: export some by uuid (to compare them with the repository) and import some
// with overwrite, without touching the rest of their dashboard.
import { normalizeObjectFiles, type NormalizedTree } from './bundle/bundle-normalize.ts';
import { readBundle, type BundleFiles } from './bundle/bundle-zip.ts';
import { importZip, metadataOf } from './dashboard-bundle-api.ts';
import { isObjectFile, METADATA_FILE } from './repo-layout/repo-paths.ts';
import { rison } from './rison.ts';
import type { SupersetClient } from './superset-client.ts';
import { forgetId, knownId, lookupIds, rememberIds, uuidInText } from './object-ids.ts';

type Kind = 'chart' | 'dataset';

async function exportByIds(client: SupersetClient, kind: Kind, ids: number[]): Promise<BundleFiles> {
  const zip = await client.bytes({
    path: `/api/v1/${kind}/export/`,
    query: { q: rison(ids) },
    action: `export ${kind}s`,
  });
  const { files } = readBundle(zip);
  rememberIds(client, files);
  return files;
}

/** The uuids of the objects of `kind` an export holds. */
const exported = (files: BundleFiles, kind: Kind) =>
  new Set([...files].filter(([file]) => isObjectFile(file, kind)).map(([, text]) => uuidInText(text)));

/**
 * The objects (with the datasets and databases they use), normalized; ones missing there are left out. Ids
 * learned from earlier exports are tried first; when the export does not hold exactly those uuids, they are
 * looked up.
 */
export async function exportObjects(
  client: SupersetClient,
  kind: Kind,
  uuids: string[],
): Promise<NormalizedTree> {
  if (uuids.length === 0) return new Map();
  const remembered = uuids.map((uuid) => knownId(client, kind, uuid));
  if (remembered.every((id) => id !== undefined)) {
    const files = await exportByIds(client, kind, remembered as number[]).catch(() => null);
    const held = files ? exported(files, kind) : new Set();
    if (files && uuids.every((uuid) => held.has(uuid))) return normalizeObjectFiles(files);
    for (const uuid of uuids) forgetId(client, kind, uuid);
  }
  const ids = [...(await lookupIds(client, kind, uuids)).values()];
  if (ids.length === 0) return new Map();
  return normalizeObjectFiles(await exportByIds(client, kind, ids));
}

/**
 * Imports, with overwrite, only the charts or datasets with the given uuids from a denormalized dashboard
 * bundle, with the datasets and databases they need (which a chart import does not overwrite).
 */
export async function importObjects(
  client: SupersetClient,
  kind: Kind,
  files: BundleFiles,
  uuids: string[],
): Promise<void> {
  if (uuids.length === 0) return;
  const wanted = new Set(uuids);
  const bundle: BundleFiles = new Map(
    [...files].filter(
      ([file, text]) =>
        isObjectFile(file, 'database') ||
        (isObjectFile(file, kind) && wanted.has(uuidInText(text) ?? '')) ||
        (kind === 'chart' && isObjectFile(file, 'dataset')),
    ),
  );
  bundle.set(METADATA_FILE, metadataOf(kind === 'chart' ? 'Slice' : 'SqlaTable'));
  await importZip(client, kind, bundle, {});
}
