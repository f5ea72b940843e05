// The compiled server's entry, copied by `npm run build` to dist/server/main.js: runs the server bundle
// (server.cjs) with V8's code cache. Compiling the 4 MB bundle and then each function the start calls is about
// a quarter of a cold start; the cache (server.cjs.cache, written once by the first start after a build, or again
// when this node rejects it) holds that compiled code. Where dist/ is read-only the server starts without it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const filename = path.join(import.meta.dirname, 'server.cjs');
const cacheFile = `${filename}.cache`;
/** Long enough for the start to have compiled what it runs, and for the cache to hold it. */
const CACHE_AFTER_MS = 2000;

let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(
  `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(filename, 'utf8')}\n})`,
  { filename, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER },
);
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(filename), module, filename, import.meta.dirname);

if (!cachedData || script.cachedDataRejected) {
  setTimeout(() => {
    const staging = `${cacheFile}.${process.pid}`;
    try {
      fs.writeFileSync(staging, script.createCachedData());
      fs.renameSync(staging, cacheFile);
    } catch {
      fs.rmSync(staging, { force: true });
    }
  }, CACHE_AFTER_MS).unref();
}
