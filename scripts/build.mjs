// `npm run build` (after the web UI's own build): compiles the server and the CLI to JavaScript in dist/, so
// `npm start` runs them with plain node. Everything is bundled except better-sqlite3 (native); the files the
// server reads by path are copied beside it (see apps/server/src/runtime-paths.ts).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--out DIR` (inside the repository, where node_modules is found) for a second build beside dist/, as tests do.
const outFlag = process.argv.indexOf('--out');
const dist = outFlag === -1 ? path.join(root, 'dist') : path.resolve(process.argv[outFlag + 1] ?? '');
const staging = `${dist}.${process.pid}`;
const GIT_LAUNCHER_CHILD = path.join(root, 'packages/git/src/git-launcher-child.mjs');

const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // V8 keeps each bundle's source in memory: without blanks and comments it is about a third smaller (~8 MB
  // less resident). Names stay, so a stack trace still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  external: ['better-sqlite3'],
  logLevel: 'warning',
};

/** The server: one CommonJS file, which server-main.mjs runs with V8's code cache (ES modules get none). */
async function bundleServer(outdir) {
  await build({
    ...COMMON,
    entryPoints: [path.join(root, 'apps/server/src/main.ts')],
    format: 'cjs',
    outfile: path.join(outdir, 'server.cjs'),
    define: { 'import.meta.url': '__import_meta_url' },
    banner: { js: "var __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  });
  fs.copyFileSync(path.join(root, 'scripts/server-main.mjs'), path.join(outdir, 'main.js'));
  // The git runner starts git from this helper, found beside the code that loads it (see git-launcher.ts).
  fs.copyFileSync(GIT_LAUNCHER_CHILD, path.join(outdir, 'git-launcher-child.mjs'));
}

/** The CLI: ES modules, each command its own chunk loaded when run. */
async function bundleCli(outdir) {
  await build({
    ...COMMON,
    entryPoints: [path.join(root, 'apps/cli/src/main.ts')],
    splitting: true,
    format: 'esm',
    outdir,
    // Bundled CommonJS dependencies call require(); give the ES module one.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  fs.copyFileSync(GIT_LAUNCHER_CHILD, path.join(outdir, 'git-launcher-child.mjs'));
}

const web = path.join(root, 'apps/web/build');
if (!fs.existsSync(path.join(web, 'index.html')))
  throw new Error('apps/web/build is missing: run `npm run build:web`');
fs.rmSync(staging, { recursive: true, force: true });
await bundleServer(path.join(staging, 'server'));
await bundleCli(path.join(staging, 'cli'));
// What the server reads by path, where runtime-paths.ts looks for it in the build.
for (const folder of ['drizzle', 'drizzle-postgres'])
  fs.cpSync(path.join(root, 'apps/server', folder), path.join(staging, 'server', folder), {
    recursive: true,
  });
fs.cpSync(web, path.join(staging, 'web'), { recursive: true });
const docsUi = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')),
  'static',
);
fs.cpSync(docsUi, path.join(staging, 'server/docs-ui'), { recursive: true });
// Swapped in whole, so a server starting meanwhile finds the old build or the new one, never half of one.
fs.rmSync(dist, { recursive: true, force: true });
fs.renameSync(staging, dist);
process.stderr.write(`[build] ${path.relative(root, dist)}: server, cli, web\n`);
