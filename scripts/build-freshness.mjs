// Is dist/ (made by `npm run build`) missing or older than a source it was built from? Used by `npm start`.
import fs from 'node:fs';
import path from 'node:path';

/** What the build compiles or copies; a deployment with dist/ and no sources has nothing to compare. */
const SOURCES = [
  'apps/server/src',
  'apps/server/drizzle',
  'apps/cli/src',
  'apps/web/src',
  'scripts/server-main.mjs',
  'package-lock.json',
];

function newestIn(target, newest) {
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return newest;
  }
  if (!stat.isDirectory())
    return stat.mtimeMs > newest.mtimeMs ? { file: target, mtimeMs: stat.mtimeMs } : newest;
  for (const entry of fs.readdirSync(target)) {
    if (entry !== 'node_modules') newest = newestIn(path.join(target, entry), newest);
  }
  return newest;
}

/** Why the build cannot be started as it is, in one line; null when it is there and newer than every source. */
export function buildProblem(root) {
  const main = path.join(root, 'dist/server/main.js');
  let built;
  try {
    built = fs.statSync(main).mtimeMs;
  } catch {
    return 'there is no build (dist/server/main.js)';
  }
  let newest = { file: '', mtimeMs: 0 };
  const packages = path.join(root, 'packages');
  const sources = [...SOURCES];
  if (fs.existsSync(packages))
    for (const name of fs.readdirSync(packages)) sources.push(`packages/${name}/src`);
  for (const source of sources) newest = newestIn(path.join(root, source), newest);
  if (newest.mtimeMs <= built) return null;
  return `the build in dist/ is older than ${path.relative(root, newest.file)}`;
}
