// Deploy dev → prod through the API, against two real Superset instances: dry run, real deploy (prod then
// exports the same tree), a second deploy that updates one chart, rollback, and deploys that must not run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Environment } from '@superset-git/contracts';
import { createTag, openRepo } from '@superset-git/git';
import { listDatabases, type SupersetClient } from '@superset-git/superset';
import type { ApiClient } from '@superset-git/api-client';
import { supersetDev, supersetProd } from '../../superset-instances.ts';
import {
  clientFor,
  dashboardUuid,
  deleteDashboardsAndCharts,
  exportNormalized,
  dashboardId,
} from '../../support/superset-admin.ts';
import { apiOf, runTask, expectStatus } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';
import {
  commitOnBranch as commitBranch,
  commitWithoutChart,
  type FileEdit,
} from '../../support/repo-edits.ts';

let server: TestServer;
let api: ApiClient;
let dev: SupersetClient;
let prod: SupersetClient;
let devEnv: Environment;
let prodEnv: Environment;
let uuid: string;
let chart: { id: number; slice_name: string };

async function deploy(ref: string, dryRun: boolean) {
  const answer = await api.raw.POST('/api/dashboards/{uuid}/deploy', {
    params: { path: { uuid } },
    body: { environmentId: prodEnv.id, ref, dryRun },
  });
  await server.services.tasks.idle();
  return answer;
}

/** Commits edits of the repository's files on a new branch (made in a clone, so the work tree is untouched). */
const commitOnBranch = (branch: string, edit: FileEdit) =>
  commitBranch(`${server.dataDir}/repos/${uuid}`, branch, edit);

const prodChartName = async (chartUuid: string) => {
  const tree = await exportNormalized(prod, await dashboardId(prod, uuid));
  const file = [...tree].find(([path, text]) => path.startsWith('charts/') && text.includes(chartUuid));
  return file?.[1].match(/^slice_name: (.*)$/m)?.[1];
};

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const [devInfo, prodInfo] = [supersetDev(), supersetProd()];
  dev = clientFor(devInfo);
  prod = clientFor(prodInfo);
  server = await startTestServer();
  api = apiOf(server, await login(server));
  devEnv = await api.POST('/api/environments', {
    body: {
      name: 'dev',
      url: devInfo.url,
      username: devInfo.username,
      password: devInfo.password,
    },
  });
  prodEnv = await api.POST('/api/environments', {
    body: {
      name: 'prod',
      url: prodInfo.url,
      username: prodInfo.username,
      password: prodInfo.password,
    },
  });
  uuid = await dashboardUuid(dev, 'sales-overview');
  const charts = await dev.json(
    { path: `/api/v1/dashboard/${uuid}/charts`, action: 'list' },
    z.object({ result: z.array(z.object({ id: z.number(), slice_name: z.string() })) }),
  );
  chart = charts.result.find((item) => item.slice_name === 'Revenue by region')!;
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: { environmentId: devEnv.id, mode: 'init' },
    }),
  );
  await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }));
  await api.raw.POST('/api/dashboards/{uuid}/commit', {
    params: { path: { uuid } },
    body: { message: 'Sales Overview' },
  });
  await createTag(openRepo(`${server.dataDir}/repos/${uuid}`), { name: 'v1' });
}, 400_000);
afterAll(async () => {
  if (chart)
    await dev
      .call({
        method: 'PUT',
        path: `/api/v1/chart/${chart.id}`,
        json: { slice_name: chart.slice_name },
        action: 'rename back',
      })
      .catch(() => undefined);
  await Promise.all([server?.close(), dev?.close(), prod?.close()]);
  releaseLock?.();
});

describe('deploy dev → prod (two real Superset instances)', () => {
  it('plans first: a dry run lists creates on a prod without the dashboard and imports nothing', async () => {
    const tree = await exportNormalized(dev, await dashboardId(dev, uuid));
    const chartUuids = [...tree]
      .filter(([path]) => path.startsWith('charts/'))
      .map(([, text]) => text.match(/^uuid: (.*)$/m)![1]!);
    await deleteDashboardsAndCharts(prod, [uuid], chartUuids);
    const dry = await deploy('v1', true);
    expect(dry.response.status, JSON.stringify(dry.data ?? dry.error)).toBe(200);
    expect(dry.data!.deployment).toBeNull();
    expect(dry.data!.plan.errors).toEqual([]);
    expect(dry.data!.plan.summary).toMatchObject({
      create: 23,
      update: 0,
      unchanged: 2,
      'delete-on-target': 0,
    });
    // Prod's other dashboards use the same dataset: compared with prod's own export of it, nothing changes.
    expect(dry.data!.plan.items.find((item) => item.objectType === 'dataset')).toMatchObject({
      action: 'unchanged',
      name: 'sales',
    });
    expect(dry.data!.plan.items.find((item) => item.objectType === 'database')).toMatchObject({
      action: 'unchanged',
      name: 'examples',
    });
    expect(
      (
        await prod
          .call({ path: `/api/v1/dashboard/${uuid}`, action: 'find' })
          .catch((error: { status?: number }) => error)
      ).status,
    ).toBe(404);
  });

  it('deploys the tag; prod then exports the very tree the repository holds', async () => {
    const answer = await deploy('v1', false);
    expect(answer.data!.deployment).toMatchObject({ state: 'RUNNING', ref: 'v1' });
    const done = await api.GET('/api/deployments/{id}', {
      params: { path: { id: answer.data!.deployment!.id } },
    });
    expect(done, JSON.stringify(done)).toMatchObject({ state: 'SUCCESS', canRollBack: false });
    const devTree = await exportNormalized(dev, await dashboardId(dev, uuid));
    const prodTree = await exportNormalized(prod, await dashboardId(prod, uuid));
    expect([...prodTree]).toEqual([...devTree]);
  });

  it('a second deploy after one chart changed shows and applies exactly one update; rollback restores it', async () => {
    await dev.call({
      method: 'PUT',
      path: `/api/v1/chart/${chart.id}`,
      json: { slice_name: 'Revenue per region' },
      action: 'rename',
    });
    await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }));
    await api.raw.POST('/api/dashboards/{uuid}/commit', {
      params: { path: { uuid } },
      body: { message: 'Rename a chart' },
    });
    const dry = await deploy('main', true);
    expect(dry.data!.plan.summary).toMatchObject({ create: 0, update: 1, 'delete-on-target': 0 });
    expect(dry.data!.plan.items.filter((item) => item.action === 'update')).toEqual([
      expect.objectContaining({ objectType: 'chart', name: 'Revenue per region' }),
    ]);

    const body = { environmentId: prodEnv.id, ref: 'main', dryRun: false };
    const real = await api.raw.POST('/api/dashboards/{uuid}/deploy', {
      params: { path: { uuid } },
      body,
    });
    // While it runs, a second deploy of the same dashboard to the same place waits its turn.
    const second = await api.raw.POST('/api/dashboards/{uuid}/deploy', {
      params: { path: { uuid } },
      body,
    });
    expect(second.response.status).toBe(409);
    expect(second.error!.error.message).toMatch(/still running/);
    await server.services.tasks.idle();
    const deployment = await api.GET('/api/deployments/{id}', {
      params: { path: { id: real.data!.deployment!.id } },
    });
    expect(deployment).toMatchObject({ state: 'SUCCESS', canRollBack: true, live: true });
    const chartUuid = dry.data!.plan.items.find((item) => item.action === 'update')!.uuid;
    expect(await prodChartName(chartUuid)).toBe('Revenue per region');

    const rollingBack = await api.raw.POST('/api/deployments/{id}/rollback', {
      params: { path: { id: deployment.id } },
    });
    expect(rollingBack.data).toMatchObject({ kind: 'rollback', state: 'RUNNING' });
    await server.services.tasks.idle();
    const rolledBack = await api.raw.GET('/api/deployments/{id}', {
      params: { path: { id: rollingBack.data!.id } },
    });
    expect(rolledBack.data).toMatchObject({ kind: 'rollback', state: 'SUCCESS' });
    // Once is enough: a second rollback of the same deployment is refused.
    await expectStatus(
      409,
      api.raw.POST('/api/deployments/{id}/rollback', {
        params: { path: { id: deployment.id } },
      }),
    );
    expect(await prodChartName(chartUuid)).toBe('Revenue by region');
    const history = await api.raw.GET('/api/deployments', {
      params: { query: { dashboard: uuid, environment: prodEnv.id } },
    });
    // After the rollback, the first deploy's version is on prod again: that one is live, not the rolled-back one.
    expect(history.data!.items.map((item) => [item.kind, item.state, item.live])).toEqual([
      ['rollback', 'SUCCESS', false],
      ['deploy', 'ROLLED_BACK', false],
      ['deploy', 'SUCCESS', true],
    ]);
  });

  it('refuses, before importing anything, a branch on a protected environment and a slug that collides', async () => {
    const before = await exportNormalized(prod, await dashboardId(prod, uuid));
    await api.raw.PUT('/api/environments/{id}/deploy-settings', {
      params: { path: { id: prodEnv.id } },
      body: { protected: true },
    });
    const refused = await deploy('main', false);
    expect(refused.response.status).toBe(409);
    expect(refused.error!.error.message).toMatch(/protected: only tags/);
    await api.raw.PUT('/api/environments/{id}/deploy-settings', {
      params: { path: { id: prodEnv.id } },
      body: { dashboardSlug: 'customers' },
    });
    const collision = await deploy('v1', true);
    expect(collision.data!.plan.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/another dashboard with slug 'customers'/) }),
    ]);
    expect((await deploy('v1', false)).response.status).toBe(409);
    await api.raw.PUT('/api/environments/{id}/deploy-settings', {
      params: { path: { id: prodEnv.id } },
      body: {},
    });
    expect([...(await exportNormalized(prod, await dashboardId(prod, uuid)))]).toEqual([...before]);
  });

  it('keeps database passwords write-only and refuses one written into a URI', async () => {
    const databaseUuid = '0d3a2f51-0000-4000-8000-000000000001';
    const saved = await api.raw.PUT('/api/environments/{id}/deploy-settings', {
      params: { path: { id: prodEnv.id } },
      body: {
        databases: [{ databaseUuid, sqlalchemyUri: 'postgresql://bi@prod/dw', password: 'pr0d-s3cret-pw' }],
      },
    });
    expect(saved.response.status).toBe(200);
    const read = await api.raw.GET('/api/environments/{id}/deploy-settings', {
      params: { path: { id: prodEnv.id } },
    });
    expect(read.data!.databases).toEqual([
      {
        databaseUuid,
        sqlalchemyUri: 'postgresql://bi@prod/dw',
        passwordHint: '••••t-pw',
        targetDatabaseUuid: null,
        databaseName: null,
      },
    ]);
    expect(JSON.stringify(read.data)).not.toContain('pr0d-s3cret');
    // Saving again without the password keeps it.
    await api.raw.PUT('/api/environments/{id}/deploy-settings', {
      params: { path: { id: prodEnv.id } },
      body: { databases: [{ databaseUuid }] },
    });
    expect(
      (
        await api.GET('/api/environments/{id}/deploy-settings', {
          params: { path: { id: prodEnv.id } },
        })
      ).databases[0]?.passwordHint,
    ).toBe('••••t-pw');
    const inUri = await api.raw.PUT('/api/environments/{id}/deploy-settings', {
      params: { path: { id: prodEnv.id } },
      body: { databases: [{ databaseUuid, sqlalchemyUri: 'postgresql://bi:hunter22@prod/dw' }] },
    });
    expect(inUri.response.status).toBe(400);
    expect(JSON.stringify(inUri.error)).toMatch(/password field/);
    expect(JSON.stringify(inUri.error)).not.toContain('hunter22');
    await api.raw.PUT('/api/environments/{id}/deploy-settings', {
      params: { path: { id: prodEnv.id } },
      body: {},
    });
  });

  describe('bad input at the ref: a clear answer and prod untouched', () => {
    let before: [string, string][];
    beforeAll(async () => {
      before = [...(await exportNormalized(prod, await dashboardId(prod, uuid)))];
    });
    afterAll(async () => {
      expect([...(await exportNormalized(prod, await dashboardId(prod, uuid)))]).toEqual(before);
    });

    it('a ref that does not exist', async () => {
      const answer = await deploy('no-such-branch', true);
      expect(answer.response.status).toBe(400);
      expect(JSON.stringify(answer.error)).toMatch(/no-such-branch/);
    });

    it('invalid YAML in a chart file at the ref names the file', async () => {
      commitOnBranch('bad-yaml', (file, text) => (file.startsWith('charts/') ? `${text}\n  : : [\n` : null));
      const answer = await deploy('bad-yaml', false);
      expect(answer.response.status).toBe(422);
      const error = answer.error!.error;
      expect(error.code).toBe('BUNDLE_INVALID');
      expect(error.message).toMatch(/^charts\/.*\.yaml: /);
    });

    it("a repository whose dashboard.yaml holds another dashboard's uuid is refused in the plan", async () => {
      commitOnBranch('other-uuid', (file, text) =>
        file === 'dashboard.yaml' ? text.replace(uuid, '0b0b0b0b-0000-4000-8000-000000000000') : null,
      );
      const dry = await deploy('other-uuid', true);
      expect(dry.data!.plan.errors).toEqual([
        expect.objectContaining({
          path: 'dashboard.yaml',
          message: expect.stringMatching(/holds dashboard 0b0b0b0b/),
        }),
      ]);
      expect((await deploy('other-uuid', false)).response.status).toBe(409);
    });

    it('a database named like one prod has under another uuid is a plan error, before any import', async () => {
      const other = '6b6b6b6b-0000-4000-8000-000000000001';
      commitOnBranch('same-name', (file, text) => {
        if (file.startsWith('databases/')) return text.replace(/^uuid: .*$/m, `uuid: ${other}`);
        if (file.startsWith('datasets/'))
          return text.replace(/^database_uuid: .*$/m, `database_uuid: ${other}`);
        return null;
      });
      const dry = await deploy('same-name', true);
      expect(dry.data!.plan.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/another database named 'examples'/) }),
      ]);
      expect((await deploy('same-name', false)).response.status).toBe(409);
    });

    it('a dataset new on prod for a table prod already holds as another dataset is a plan error, before any import', async () => {
      const other = '7c7c7c7c-0000-4000-8000-000000000002';
      let dataset = '';
      commitOnBranch('same-table', (file, text) => {
        if (file.startsWith('datasets/')) {
          dataset = text.match(/^uuid: (.*)$/m)![1]!;
          return text.replace(/^uuid: .*$/m, `uuid: ${other}`);
        }
        if (file.startsWith('charts/')) return text.replace(/^dataset_uuid: .*$/m, `dataset_uuid: ${other}`);
        return null;
      });
      const dry = await deploy('same-table', true);
      expect(dry.data!.plan.errors).toEqual([
        expect.objectContaining({
          path: expect.stringMatching(/^datasets\//),
          message: expect.stringContaining(
            `The target already has table 'sales' of database 'examples' as another dataset (uuid ${dataset})`,
          ),
        }),
      ]);
      expect((await deploy('same-table', false)).response.status).toBe(409);
    });

    it('a chart Superset refuses on import: the deploy fails naming the chart and prod is put back', async () => {
      commitOnBranch('bad-chart', (file, text) =>
        file.startsWith('charts/') && /^slice_name: Revenue per region$/m.test(text)
          ? text.replace(/^cache_timeout: .*$/m, 'cache_timeout: soon')
          : null,
      );
      const answer = await deploy('bad-chart', false);
      expect(answer.response.status, JSON.stringify(answer.data ?? answer.error)).toBe(200);
      const failed = await api.GET('/api/deployments/{id}', {
        params: { path: { id: answer.data!.deployment!.id } },
      });
      expect(failed.state).toBe('FAILED');
      expect(failed.message).toMatch(
        /refused to import the charts: chart 'Revenue per region' \(charts\/.*\): cache_timeout: Not a valid integer/,
      );
      expect(failed.message).toMatch(/put back to its previous version/);
    });
  });

  it('a database new on prod without its password is refused before import; with it, the import Superset fails leaves no trace', async () => {
    const warehouse = '5a5a5a5a-0000-4000-8000-000000000001';
    const prodDatabases = async () => (await listDatabases(prod)).map((database) => database.name);
    for (const database of await listDatabases(prod))
      if (database.uuid === warehouse)
        await prod.call({ method: 'DELETE', path: `/api/v1/database/${database.id}`, action: 'clean up' });
    commitOnBranch('warehouse', (file, text) => {
      if (file.startsWith('databases/'))
        return text
          .replace(/^database_name: .*$/m, 'database_name: warehouse')
          .replace(/^sqlalchemy_uri: .*$/m, 'sqlalchemy_uri: postgresql://bi:XXXXXXXXXX@127.0.0.1:9/dw')
          .replace(/^uuid: .*$/m, `uuid: ${warehouse}`);
      if (file.startsWith('datasets/'))
        return text.replace(/^database_uuid: .*$/m, `database_uuid: ${warehouse}`);
      return null;
    });
    const before = [...(await exportNormalized(prod, await dashboardId(prod, uuid)))];
    const refused = await deploy('warehouse', false);
    expect(refused.response.status).toBe(409);
    expect(refused.error!.error.message).toMatch(/'warehouse' is new on the target and needs its password/);
    expect([...(await exportNormalized(prod, await dashboardId(prod, uuid)))]).toEqual(before);
    expect(await prodDatabases()).toEqual(['examples']);
    await api.raw.PUT('/api/environments/{id}/deploy-settings', {
      params: { path: { id: prodEnv.id } },
      body: { databases: [{ databaseUuid: warehouse, password: 'dw-pass-123' }] },
    });
    const planned = await deploy('warehouse', true);
    expect(planned.data!.plan.errors).toEqual([]);
    expect(planned.data!.plan.items[0]).toMatchObject({
      objectType: 'database',
      name: 'warehouse',
      action: 'create',
    });
    // Superset creates the database, then refuses the dataset moved onto it (prod has no PostgreSQL either):
    // the database it created is removed and the dashboard put back.
    const real = await deploy('warehouse', false);
    const failed = await api.GET('/api/deployments/{id}', {
      params: { path: { id: real.data!.deployment!.id } },
    });
    expect(failed.state).toBe('FAILED');
    expect(failed.message).toMatch(/put back to its previous version/);
    expect(await prodDatabases()).toEqual(['examples']);
    expect([...(await exportNormalized(prod, await dashboardId(prod, uuid)))]).toEqual(before);
    const task = await api.raw.GET('/api/tasks/{id}', {
      params: { path: { id: failed.taskId! } },
    });
    expect(task.data!.log.map((line) => line.message)).toContain(
      "Deleted database 'warehouse' from the target",
    );
    await api.raw.PUT('/api/environments/{id}/deploy-settings', {
      params: { path: { id: prodEnv.id } },
      body: {},
    });
  });

  it('a chart the branch drops is deleted on prod, shown in the plan first; rollback brings it back', async () => {
    // The chart's file goes, and the dashboard's layout no longer places it either.
    const dropped = commitWithoutChart(`${server.dataDir}/repos/${uuid}`, 'drop-chart', 'Product cloud');
    const dry = await deploy('drop-chart', true);
    expect(dry.data!.plan.items.filter((item) => item.action === 'delete-on-target')).toEqual([
      expect.objectContaining({ objectType: 'chart', name: 'Product cloud', uuid: dropped }),
    ]);
    const real = await deploy('drop-chart', false);
    const done = await api.GET('/api/deployments/{id}', {
      params: { path: { id: real.data!.deployment!.id } },
    });
    expect(done.state, done.message ?? '').toBe('SUCCESS');
    const onProd = async () =>
      (
        await prod.json(
          {
            path: '/api/v1/chart/',
            query: { q: `(filters:!((col:uuid,opr:eq,value:'${dropped}')))` },
            action: 'find',
          },
          z.object({ count: z.number() }),
        )
      ).count;
    expect(await onProd()).toBe(0);
    const task = await api.raw.GET('/api/tasks/{id}', {
      params: { path: { id: done.taskId! } },
    });
    expect(task.data!.log.map((line) => line.message)).toContain(
      "Deleted chart 'Product cloud' from the target",
    );

    expect(
      (
        await api.POST('/api/deployments/{id}/rollback', {
          params: { path: { id: done.id } },
        })
      ).state,
    ).toBe('RUNNING');
    await server.services.tasks.idle();
    expect(await onProd()).toBe(1);
  });
});
