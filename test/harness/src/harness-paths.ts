// Where the harness keeps the Superset venvs, the templates and the named instances (outside the clone).
import os from 'node:os';
import path from 'node:path';

/** The Superset versions people run that superset-git supports; the harness installs each on demand. */
export const SUPERSET_VERSIONS = ['4.1.4', '5.0.0', '6.0.0', '6.1.0'] as const;
export type SupersetVersion = (typeof SUPERSET_VERSIONS)[number];
export const DEFAULT_SUPERSET_VERSION: SupersetVersion = '6.1.0';

export function supersetVersionOf(value: string): SupersetVersion {
  const found = SUPERSET_VERSIONS.find((version) => version === value);
  if (!found)
    throw new Error(
      `Superset ${value} is not one the harness installs; choose ${SUPERSET_VERSIONS.join(', ')}`,
    );
  return found;
}

/**
 * What an instance starts with: `seeded` (the three sample dashboards made through the API, with the same uuids on
 * every release), `empty` (only the admin user: a target that has nothing yet) or `examples` (Superset's own
 * example dashboards, loaded with `superset load-examples`, which works offline from 6.1 on).
 */
export type TemplateKind = 'seeded' | 'empty' | 'examples';

/** Bump when the seed changes, so cached templates are rebuilt. */
export const TEMPLATE_VERSION = 'v2';

export const cacheDir = (): string =>
  process.env.SUPERSET_GIT_CACHE ?? path.join(os.homedir(), '.cache', 'superset-git');
export const venvDir = (version: SupersetVersion): string => path.join(cacheDir(), `venv-${version}`);
export const supersetBin = (version: SupersetVersion): string =>
  path.join(venvDir(version), 'bin', 'superset');
export const examplesDb = (): string => path.join(cacheDir(), 'examples', 'examples.db');
export const templateDir = (version: SupersetVersion, kind: TemplateKind): string =>
  path.join(cacheDir(), `template-${version}-${kind}-${TEMPLATE_VERSION}`);
export const instanceDir = (name: string): string => path.join(cacheDir(), 'instances', name);

export const ADMIN = { username: 'admin', password: 'admin' } as const;
