// Bundles the CLI (apps/cli/src) with its dependencies into apps/cli/dist, so a pipeline's `superset-git export`
// starts in a fraction of the time compiling TypeScript on the fly takes. The bin uses the bundle only while it
// is newer than every source it was built from; `serve` starts the server from its source.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'apps/cli/dist');
const staging = `${outdir}.${process.pid}`;

await build({
  entryPoints: [path.join(root, 'apps/cli/src/main.ts')],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: staging,
  // Bundled CommonJS dependencies call require(); give the ES module one.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
});
// The git runner starts git from this helper, found beside the code that loads it (see git-launcher.ts).
fs.copyFileSync(
  path.join(root, 'packages/git/src/git-launcher-child.mjs'),
  path.join(staging, 'git-launcher-child.mjs'),
);
// Swapped in whole, so a CLI starting meanwhile sees the old bundle or the new one, never half of one.
fs.rmSync(outdir, { recursive: true, force: true });
fs.renameSync(staging, outdir);
process.stderr.write(`[build:cli] apps/cli/dist\n`);
