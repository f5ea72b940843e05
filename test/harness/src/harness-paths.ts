// Where the harness keeps the Superset venv, the seeded template and the named instances (outside the clone).
import os from 'node:os';
import path from 'node:path';

export const SUPERSET_VERSION = '6.1.0';
/** Bump when the seed changes, so cached templates are rebuilt. */
export const TEMPLATE_VERSION = 'v1';

export const cacheDir = (): string =>
  process.env.SUPERSET_GIT_CACHE ?? path.join(os.homedir(), '.cache', 'superset-git');
export const venvDir = (): string => path.join(cacheDir(), 'venv');
export const supersetBin = (): string => path.join(venvDir(), 'bin', 'superset');
export const examplesDb = (): string => path.join(cacheDir(), 'examples', 'examples.db');
export const templateDir = (): string =>
  path.join(cacheDir(), `template-${SUPERSET_VERSION}-${TEMPLATE_VERSION}`);
export const instanceDir = (name: string): string => path.join(cacheDir(), 'instances', name);

export const ADMIN = { username: 'admin', password: 'admin' } as const;
