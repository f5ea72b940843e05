// A pull merges two people's edits field by field (real Superset dev, real git server): different fields of one
// chart and different layout nodes merge by themselves and Superset shows both; the same field changed two ways
// is one named field conflict resolved through the API; a file that does not parse falls back to a text
// conflict that loses neither side.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cloneRepository, commit, pull as gitPull, push, stage, type Repo } from '@superset-git/git';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { bundleYaml, dashboardIdOf, parseBundleYaml, type SupersetClient } from '@superset-git/superset';
import type { ApiClient } from '@superset-git/api-client';
import { tempDir } from '../../git/git-fixtures.ts';
import { supersetDev } from '../../superset-instances.ts';
import { clientFor, dashboardUuid } from '../../support/superset-admin.ts';
import { apiOf, expectStatus, runTask, syncAndCommit } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';

type Obj = Record<string, unknown>;
let server: TestServer;
let api: ApiClient;
let remote: GitRemote;
let superset: SupersetClient;
let uuid: string;
let dashboardId: number;
let chart: { id: number; slice_name: string };
let chartFile: string;
let other: Repo;
let original: { chart: Obj; position: string };
const TEAMMATE = { name: 'Teammate', email: 't@example.com' };
const credentials = () => ({ username: 'x', token: remote.token });
const params = () => ({ params: { path: { uuid } } });

const readChart = async () =>
  (
    await superset.json(
      { path: `/api/v1/chart/${chart.id}`, action: 'read a chart' },
      z.object({ result: z.record(z.string(), z.unknown()) }),
    )
  ).result;
const putChart = (json: Obj) =>
  superset.call({ method: 'PUT', path: `/api/v1/chart/${chart.id}`, json, action: 'edit a chart' });
const readPosition = async () =>
  (
    await superset.json(
      { path: `/api/v1/dashboard/${dashboardId}`, action: 'read the dashboard' },
      z.object({ result: z.object({ position_json: z.string() }) }),
    )
  ).result.position_json;
const putPosition = (position: string) =>
  superset.call({
    method: 'PUT',
    path: `/api/v1/dashboard/${dashboardId}`,
    json: { position_json: position },
    action: 'edit the layout',
  });
type LayoutNode = { type?: string; meta?: { width?: number; uuid?: string } };
const chartNodes = (position: Record<string, LayoutNode>) =>
  Object.keys(position)
    .filter((key) => position[key]?.type === 'CHART')
    .sort();

/** The teammate edits files in their clone and pushes. */
async function teammate(edit: (file: string, text: string) => string | null, message: string) {
  await gitPull(other, { credentials: credentials(), author: TEAMMATE });
  for (const file of ['dashboard.yaml', chartFile]) {
    const full = path.join(other.path, file);
    const next = edit(file, fs.readFileSync(full, 'utf8'));
    if (next !== null) fs.writeFileSync(full, next);
  }
  await stage(other);
  await commit(other, { message, author: TEAMMATE });
  await push(other, { credentials: credentials() });
}
const pull = () => runTask(api, api.raw.POST('/api/dashboards/{uuid}/pull', params()));
const messages = (task: { log: { message: string }[] }) => task.log.map((line) => line.message);

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const dev = supersetDev();
  superset = clientFor(dev);
  remote = await startGitRemote();
  server = await startTestServer();
  api = apiOf(server, await login(server));
  const environment = await api.POST('/api/environments', {
    body: { name: 'dev', url: dev.url, username: dev.username, password: dev.password },
  });
  const gitServer = await api.POST('/api/git/servers', {
    body: { name: 'Local', provider: 'generic', url: remote.url, token: remote.token },
  });
  uuid = await dashboardUuid(superset, 'web-traffic');
  dashboardId = await dashboardIdOf(superset, uuid);
  const charts = await superset.json(
    { path: `/api/v1/dashboard/${uuid}/charts`, action: 'list charts' },
    z.object({ result: z.array(z.object({ id: z.number(), slice_name: z.string() })) }),
  );
  chart = charts.result[0]!;
  original = { chart: await readChart(), position: await readPosition() };
  const url = remote.createRepository('web-traffic-fields');
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      ...params(),
      body: { environmentId: environment.id, mode: 'attach', gitServerId: gitServer.id, remoteUrl: url },
    }),
  );
  await syncAndCommit(api, uuid, 'Web Traffic as exported');
  expect((await runTask(api, api.raw.POST('/api/dashboards/{uuid}/push', params()))).state).toBe('SUCCESS');
  other = (await cloneRepository({ url, dir: path.join(tempDir(), 'teammate'), credentials: credentials() }))
    .repo;
  chartFile = fs
    .readdirSync(path.join(other.path, 'charts'))
    .map((name) => `charts/${name}`)
    .find((file) =>
      fs.readFileSync(path.join(other.path, file), 'utf8').includes(`slice_name: ${chart.slice_name}\n`),
    )!;
  expect(chartFile).toBeTruthy();
}, 400_000);
afterAll(async () => {
  if (chart)
    await putChart({
      cache_timeout: original.chart.cache_timeout ?? null,
      certified_by: original.chart.certified_by ?? null,
      certification_details: original.chart.certification_details ?? null,
    }).catch(() => undefined);
  if (original?.position) await putPosition(original.position).catch(() => undefined);
  await Promise.all([server?.close(), remote?.stop(), superset?.close()]);
  releaseLock?.();
});

describe('pull merges field by field (real Superset dev, real git server)', () => {
  it('merges different fields of one chart and different layout nodes; Superset shows both sides', async () => {
    const [first, second] = chartNodes(JSON.parse(original.position) as Record<string, LayoutNode>);
    expect(second).toBeTruthy();
    // The teammate certifies the chart (the lines right after cache_timeout) and widens one layout node.
    await teammate((file, text) => {
      if (file === chartFile)
        return bundleYaml({
          ...parseBundleYaml(text),
          certification_details: 'Checked',
          certified_by: 'Ann',
        });
      const dashboard = parseBundleYaml(text);
      const node = (dashboard.position as Record<string, LayoutNode>)[second!]!;
      node.meta!.width = 7;
      return bundleYaml(dashboard);
    }, 'Teammate: certify the chart, widen a chart');
    // We set the chart's cache timeout and resize another node in Superset.
    await putChart({ cache_timeout: 300 });
    const position = JSON.parse(await readPosition()) as Record<string, LayoutNode>;
    position[first!]!.meta!.width = 5;
    await putPosition(JSON.stringify(position));
    await syncAndCommit(api, uuid, 'Mine: cache timeout, resize a chart');

    const pulled = await pull();
    expect(pulled.state, JSON.stringify(pulled.log)).toBe('SUCCESS');
    expect(messages(pulled)).toContain(`merged chart '${chart.slice_name}' field by field`);
    const merged = await readChart();
    expect([Number(merged.cache_timeout), merged.certified_by, merged.certification_details]).toEqual([
      300,
      'Ann',
      'Checked',
    ]);
    const layout = JSON.parse(await readPosition()) as Record<string, LayoutNode>;
    expect(layout[first!]!.meta!.width).toBe(5);
    expect(layout[second!]!.meta!.width).toBe(7);
    const status = await expectStatus(200, api.raw.GET('/api/dashboards/{uuid}/status', params()));
    expect(status.git.clean).toBe(true);
    expect((await runTask(api, api.raw.POST('/api/dashboards/{uuid}/push', params()))).state).toBe('SUCCESS');
  });

  it('names one field changed two ways, and resolves it with a value given through the API', async () => {
    await teammate(
      (file, text) =>
        file === chartFile ? text.replace(/^cache_timeout: .*$/m, 'cache_timeout: 900') : null,
      'Teammate: cache for 15 minutes',
    );
    await putChart({ cache_timeout: 600 });
    await syncAndCommit(api, uuid, 'Mine: cache for 10 minutes');

    const pulled = await pull();
    expect(pulled.state).toBe('AWAITING_INPUT');
    expect(messages(pulled)).toContain(`chart '${chart.slice_name}' · cache_timeout: yours 600, theirs 900`);
    const list = await expectStatus(200, api.raw.GET('/api/dashboards/{uuid}/conflicts', params()));
    expect(list.conflicts).toEqual([
      {
        path: chartFile,
        kind: 'both-modified',
        object: { type: 'chart', uuid: expect.any(String), name: chart.slice_name },
        fields: [{ path: 'cache_timeout', base: '300', mine: '600', theirs: '900' }],
      },
    ]);
    const file = await expectStatus(
      200,
      api.raw.GET('/api/dashboards/{uuid}/conflicts/file', {
        params: { path: { uuid }, query: { path: chartFile } },
      }),
    );
    expect(file.merged).toContain(
      '<<<<<<< mine\ncache_timeout: 600\n=======\ncache_timeout: 900\n>>>>>>> theirs\n',
    );
    expect(file.merged!.match(/<<<<<<</g)).toHaveLength(1);

    const unfinished = await api.raw.POST('/api/dashboards/{uuid}/conflicts/resolve', {
      ...params(),
      body: { path: chartFile, resolution: 'fields', fields: [] },
    });
    expect(unfinished.response.status).toBe(400);
    expect(JSON.stringify(unfinished.error)).toContain(`chart '${chart.slice_name}' · cache_timeout`);
    await expectStatus(
      200,
      api.raw.POST('/api/dashboards/{uuid}/conflicts/resolve', {
        ...params(),
        body: {
          path: chartFile,
          resolution: 'fields',
          fields: [{ path: 'cache_timeout', choice: 'value', value: '750' }],
        },
      }),
    );
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/merge/continue', { ...params(), body: null }),
    );
    const resolved = await readChart();
    expect([Number(resolved.cache_timeout), resolved.certified_by]).toEqual([750, 'Ann']);
  });

  it('falls back to a text conflict for a file that does not parse, losing neither side', async () => {
    await teammate(
      (file, text) =>
        file === chartFile
          ? `${text.replace(/^cache_timeout: .*$/m, 'cache_timeout: 120')}broken: [\n`
          : null,
      'Teammate: a hand edit that broke the file',
    );
    await putChart({ cache_timeout: 60 });
    await syncAndCommit(api, uuid, 'Mine: cache for a minute');

    const pulled = await pull();
    expect(pulled.state).toBe('AWAITING_INPUT');
    expect(messages(pulled)).toContainEqual(
      expect.stringMatching(new RegExp(`^${chartFile} needs a text merge`)),
    );
    const list = await expectStatus(200, api.raw.GET('/api/dashboards/{uuid}/conflicts', params()));
    expect(list.conflicts).toEqual([
      expect.objectContaining({
        path: chartFile,
        fields: [],
        object: expect.objectContaining({ type: 'chart' }),
      }),
    ]);
    const file = await expectStatus(
      200,
      api.raw.GET('/api/dashboards/{uuid}/conflicts/file', {
        params: { path: { uuid }, query: { path: chartFile } },
      }),
    );
    expect(file.merged).toMatch(/^<<<<<<< /m);
    expect(file.merged).toContain('cache_timeout: 60');
    expect(file.merged).toContain('cache_timeout: 120');
    expect(file.merged).toContain('broken: [');
    await expectStatus(200, api.raw.POST('/api/dashboards/{uuid}/merge/abort', params()));
    expect(Number((await readChart()).cache_timeout)).toBe(60);
  });
});
