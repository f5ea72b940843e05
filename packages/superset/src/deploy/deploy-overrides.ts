// Per-environment changes applied to a bundle before it is planned and imported: database URIs, names and
// adoption of the target's own database, dataset schema, dashboard slug and title.
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { fromYaml, toYaml, type Json } from '../bundle/yaml-text.ts';

export interface DeployOverrides {
  databaseUris: Map<string, string>;
  /** Bundle database uuid → the target's database of that name to use instead. */
  databaseAdoptions?: Map<string, string>;
  /** Bundle database uuid → its name on the target. */
  databaseNames?: Map<string, string>;
  datasetSchema: string | null;
  dashboardSlug: string | null;
  dashboardTitle: string | null;
}

export function applyOverrides(tree: NormalizedTree, overrides: DeployOverrides): NormalizedTree {
  const out: NormalizedTree = new Map();
  for (const [path, text] of tree) {
    let value: Record<string, Json> | null = null;
    const edit = () => (value ??= fromYaml(text, path));
    if (path.startsWith('databases/')) {
      const uuid = String(edit().uuid);
      const uri = overrides.databaseUris.get(uuid);
      if (uri) edit().sqlalchemy_uri = uri;
      const name = overrides.databaseNames?.get(uuid);
      if (name) edit().database_name = name;
      // Superset links by uuid: the target's database is the one the import finds and keeps.
      const adopted = overrides.databaseAdoptions?.get(uuid);
      if (adopted) edit().uuid = adopted;
    } else if (path.startsWith('datasets/')) {
      if (overrides.datasetSchema) edit().schema = overrides.datasetSchema;
      const adopted = overrides.databaseAdoptions?.get(String(fromYaml(text, path).database_uuid));
      if (adopted) edit().database_uuid = adopted;
    } else if (path === 'dashboard.yaml') {
      if (overrides.dashboardSlug) edit().slug = overrides.dashboardSlug;
      if (overrides.dashboardTitle) edit().dashboard_title = overrides.dashboardTitle;
    }
    out.set(path, value ? toYaml(value) : text);
  }
  return out;
}

/** A database URI whose password Superset masked on export needs the real one to be created on a target. */
export function hasMaskedPassword(uri: string): boolean {
  return /:X{10}@/.test(uri);
}
