// Where the server finds the files it reads at run time, from the TypeScript sources (run by tsx) and from the
// compiled build in dist/ alike: `npm run build` copies each of them beside the server's bundle.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RuntimePaths {
  /** drizzle's SQL migrations: apps/server/drizzle, or dist/server/drizzle. */
  migrations: string;
  /** The built web UI: apps/web/build, or dist/web. */
  webBuild: string;
}

/**
 * `moduleUrl` is this module's own address: apps/server/src/runtime-paths.ts from the sources, a bundle file
 * in dist/server once compiled (esbuild puts every module of the server in that one folder).
 */
export function runtimePaths(moduleUrl: string = import.meta.url): RuntimePaths {
  const file = fileURLToPath(moduleUrl);
  const here = path.dirname(file);
  if (file.endsWith('.ts')) {
    return { migrations: path.resolve(here, '../drizzle'), webBuild: path.resolve(here, '../../web/build') };
  }
  return { migrations: path.join(here, 'drizzle'), webBuild: path.resolve(here, '../web') };
}
