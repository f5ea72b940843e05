#!/usr/bin/env node
// Runs the CLI from its bundle (apps/cli/dist, made by `npm run build:cli`) while that is newer than every source
// it was built from; otherwise, and always for `serve`, from the TypeScript sources through tsx.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bundle = path.join(root, 'apps/cli/dist/main.js');

function newestSource() {
  let newest = fs.statSync(path.join(root, 'package-lock.json')).mtimeMs;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of ['apps/cli/src', 'packages']) walk(path.join(root, dir));
  return newest;
}

function bundleIsFresh() {
  try {
    return fs.statSync(bundle).mtimeMs >= newestSource();
  } catch {
    return false;
  }
}

if (process.argv[2] !== 'serve' && bundleIsFresh()) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
