// Per-environment changes applied to a bundle before it is planned and imported: database URIs, dataset
// schema, dashboard slug and title.
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { fromYaml, toYaml, type Json } from '../bundle/yaml-text.ts';

export interface DeployOverrides {
  databaseUris: Map<string, string>;
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
      const uri = overrides.databaseUris.get(String(edit().uuid));
      if (uri) edit().sqlalchemy_uri = uri;
    } else if (path.startsWith('datasets/') && overrides.datasetSchema) {
      edit().schema = overrides.datasetSchema;
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
