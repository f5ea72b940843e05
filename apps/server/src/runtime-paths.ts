// Where the server finds the files it reads at run time, from the TypeScript sources (run by tsx) and from the
// compiled build in dist/ alike: `npm run build` copies each of them beside the server's bundle.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RuntimePaths {
  /** drizzle's SQL migrations per dialect: apps/server/drizzle(-postgres), or dist/server/drizzle(-postgres). */
  migrations: { sqlite: string; postgres: string };
  /** The built web UI: apps/web/build, or dist/web. */
  webBuild: string;
  /** The API docs page's files (swagger-ui): in @fastify/swagger-ui's package, or dist/server/docs-ui. */
  docsUi: string;
}

/**
 * `moduleUrl` is this module's own address: apps/server/src/runtime-paths.ts from the sources,
 * dist/server/server.cjs (the one bundle of the whole server) once compiled.
 */
export function runtimePaths(moduleUrl: string = import.meta.url): RuntimePaths {
  const file = fileURLToPath(moduleUrl);
  const here = path.dirname(file);
  if (file.endsWith('.ts')) {
    const docsPackage = createRequire(file).resolve('@fastify/swagger-ui/package.json');
    return {
      migrations: {
        sqlite: path.resolve(here, '../drizzle'),
        postgres: path.resolve(here, '../drizzle-postgres'),
      },
      webBuild: path.resolve(here, '../../web/build'),
      docsUi: path.join(path.dirname(docsPackage), 'static'),
    };
  }
  return {
    migrations: { sqlite: path.join(here, 'drizzle'), postgres: path.join(here, 'drizzle-postgres') },
    webBuild: path.resolve(here, '../web'),
    docsUi: path.join(here, 'docs-ui'),
  };
}
