// `npm start`: the compiled server (dist/, from `npm run build`) with plain node, no TypeScript at run time.
// A missing or stale build stops the start with one line saying how to build: building belongs to the
// deployment's build step, and serving yesterday's code after today's `git pull` would be a silent surprise.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildProblem } from './build-freshness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const problem = buildProblem(root);
if (problem) {
  process.stderr.write(`superset-git: ${problem}; run \`npm run build\`, then \`npm start\` again.\n`);
  process.exit(1);
}
await import(pathToFileURL(path.join(root, 'dist/server/main.js')).href);
