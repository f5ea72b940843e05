// The files the server reads by path are found from its TypeScript sources and from the compiled build alike.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runtimePaths } from '../../../apps/server/src/runtime-paths.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('runtime paths', () => {
  it('from the sources, are the repository’s migrations, built web UI and the docs page’s files', () => {
    const paths = runtimePaths();
    expect(paths.migrations).toEqual({
      sqlite: path.join(ROOT, 'apps/server/drizzle'),
      postgres: path.join(ROOT, 'apps/server/drizzle-postgres'),
    });
    for (const folder of Object.values(paths.migrations))
      expect(fs.existsSync(path.join(folder, 'meta/_journal.json'))).toBe(true);
    expect(paths.webBuild).toBe(path.join(ROOT, 'apps/web/build'));
    expect(fs.existsSync(path.join(paths.docsUi, 'swagger-ui-bundle.js'))).toBe(true);
  });

  it('from a bundle in dist/server, are the copies the build put beside it', () => {
    const bundle = pathToFileURL('/opt/superset-git/dist/server/server.cjs').href;
    expect(runtimePaths(bundle)).toEqual({
      migrations: {
        sqlite: '/opt/superset-git/dist/server/drizzle',
        postgres: '/opt/superset-git/dist/server/drizzle-postgres',
      },
      webBuild: '/opt/superset-git/dist/web',
      docsUi: '/opt/superset-git/dist/server/docs-ui',
    });
  });
});
