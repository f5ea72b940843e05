import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSuperset } from '@superset-git/harness';
import {
  exportDashboardBundle,
  normalizeBundle,
  readBundle,
  rison,
  dashboardIdOf,
} from '@superset-git/superset';
import { writeTree } from '@superset-git/superset';
import { clientFor, dashboardUuid } from '../test/support/superset-admin.ts';
import { rawRequest } from '../test/support/api.ts';
import { login, startTestServer } from '../test/support/test-server.ts';
const info = await startSuperset({ name: 'bench-dev', port: 18388 });
const dev = clientFor(info);
const uuid = await dashboardUuid(dev, 'sales-overview');
const id = await dashboardIdOf(dev, uuid);
const server = await startTestServer();
const caller = await login(server);
const env = (
  await rawRequest<{ id: number }>(server, 'POST', '/api/environments', {
    ...caller,
    body: { name: 'dev', url: info.url, username: info.username, password: info.password },
  })
).body;
await rawRequest(server, 'POST', `/api/dashboards/${uuid}/repository`, {
  ...caller,
  body: { environmentId: env.id, mode: 'init' },
});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'p-'));
const fns: Record<string, () => Promise<unknown>> = {
  bare: () => dev.bytes({ path: '/api/v1/dashboard/export/', query: { q: rison([id]) }, action: 'export' }),
  direct: async () =>
    writeTree(dir, normalizeBundle(readBundle(await exportDashboardBundle(dev, uuid)).files)),
  api: async () => {
    await rawRequest(server, 'POST', `/api/dashboards/${uuid}/sync`, caller);
    await server.services.tasks.idle();
  },
};
const s: Record<string, number[]> = { bare: [], direct: [], api: [] };
for (let i = 0; i < 20; i++)
  for (const [k, f] of Object.entries(fns)) {
    const a = performance.now();
    await f();
    s[k]!.push(performance.now() - a);
  }
for (const [k, v] of Object.entries(s)) {
  v.sort((a, b) => a - b);
  console.log(k, v[10]!.toFixed(1));
}
process.exit(0);
