// The journeys a team goes through, against one Superset release: register it, see its dashboards, export one with
// the command line, keep one in git, switch branches, deploy to prod and back, remove a chart; and, for the older
// releases, take in a dashboard made on 6.1.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '@superset-git/contracts';
import type { SupersetInfo, SupersetVersion } from '@superset-git/harness';
import { bundleYaml, parseBundleYaml, type SupersetClient } from '@superset-git/superset';
import { runCli } from '../cli/cli-run.ts';
import { tempDir } from '../git/git-fixtures.ts';
import { commitOnBranch, commitWithoutChart } from '../support/repo-edits.ts';
import { clientFor } from '../support/superset-admin.ts';
import { compatSuperset } from './compat-instances.ts';
import {
  switchBranch,
  connectDashboard,
  deploy,
  expectInSync,
  expectTargetHolds,
  openSession,
  plan,
  registerSuperset,
  repoDir,
  rollBack,
  type CompatSession,
} from './compat-session.ts';

/** Edits a YAML file's top-level fields. */
const withFields = (text: string, fields: Record<string, unknown>) =>
  bundleYaml({ ...parseBundleYaml(text), ...(fields as Record<string, never>) });

/** `superset-git export` of one dashboard by slug into a new folder, as a pipeline runs it. */
async function exportWithCli(from: SupersetInfo, slug: string): Promise<string> {
  const out = tempDir('sg-compat-export-');
  const args = ['export', '--url', from.url, '--user', from.username, '--dashboard', slug, '--out', out];
  const run = await runCli(args, { SUPERSET_PASSWORD: from.password });
  expect(run.code, run.stderr).toBe(0);
  return out;
}

const nothingToChange = (summary: Record<string, number>) =>
  expect({ create: summary.create, update: summary.update, delete: summary['delete-on-target'] }).toEqual({
    create: 0,
    update: 0,
    delete: 0,
  });

export function describeReleaseJourney(version: SupersetVersion): void {
  describe(`Superset ${version}: the core journeys (real Superset ${version} dev and prod, real git)`, () => {
    let session: CompatSession;
    let devInfo: SupersetInfo;
    let dev: Environment;
    let prod: Environment;
    let prodClient: SupersetClient;
    let devClient: SupersetClient;
    let uuid: string;

    beforeAll(async () => {
      devInfo = compatSuperset(`dev-${version}`);
      session = await openSession();
      dev = await registerSuperset(session, 'dev', devInfo);
      prod = await registerSuperset(session, 'prod', compatSuperset(`prod-${version}`));
      devClient = clientFor(devInfo);
      prodClient = clientFor(compatSuperset(`prod-${version}`));
    });
    afterAll(async () => {
      await Promise.all([session?.close(), devClient?.close(), prodClient?.close()]);
    });

    it(`registers it: the connection test tells Superset ${version} and the user`, () => {
      expect(dev.supersetVersion).toBe(version);
      expect(dev.lastTest).toMatchObject({ ok: true, supersetVersion: version, user: { username: 'admin' } });
      expect(dev.lastTest!.message).toContain(`Superset ${version} as admin`);
    });

    it('lists its dashboards in the hub, each with its uuid', async () => {
      const page = await session.api.GET('/api/environments/{id}/dashboards', {
        params: { path: { id: dev.id } },
      });
      const titles = page.items.map((item) => item.title);
      expect(titles).toEqual(expect.arrayContaining(['Sales Overview', 'Customers', 'Web Traffic']));
      for (const item of page.items) expect(item.uuid).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('exports a dashboard by slug with the command line', async () => {
      const out = await exportWithCli(devInfo, 'customers');
      expect(fs.readFileSync(path.join(out, 'dashboard.yaml'), 'utf8')).toMatch(
        /^dashboard_title: Customers$/m,
      );
      expect(fs.readdirSync(path.join(out, 'charts'))).toHaveLength(4);
    });

    it('connects, syncs and commits a dashboard; a second sync finds nothing to change', async () => {
      uuid = await connectDashboard(session, dev, devInfo, 'sales-overview');
      await expectInSync(session, uuid);
    });

    it('switches to a branch that changes a chart, a dataset and the dashboard, and back; Superset follows', async () => {
      commitOnBranch(repoDir(session, uuid), 'edits', (file, text) => {
        if (file === 'dashboard.yaml') return withFields(text, { dashboard_title: 'Sales Overview (2026)' });
        if (file.startsWith('datasets/sales--'))
          return withFields(text, { description: 'Orders from the shop' });
        if (file.startsWith('charts/') && text.includes('\nslice_name: Total revenue\n'))
          return withFields(text, { slice_name: 'Total revenue (net)', cache_timeout: 600 });
        return null;
      });
      const there = await switchBranch(session, uuid, 'edits');
      expect(there).toMatchObject({ branch: 'edits', imported: true, differences: [] });
      await expectInSync(session, uuid);
      const back = await switchBranch(session, uuid, 'main');
      expect(back).toMatchObject({ branch: 'main', imported: true, differences: [] });
      await expectInSync(session, uuid);
    });

    it('deploys to an empty prod, then onto the dashboard it has there; a redeploy plans nothing', async () => {
      const first = await deploy(session, uuid, prod, 'main');
      expect(first.plan.targetVersion).toBe(version);
      expect(first.plan.summary.create).toBeGreaterThan(20);
      await expectTargetHolds(session, prodClient, uuid, 'main');
      nothingToChange((await plan(session, uuid, prod, 'main')).summary);

      const second = await deploy(session, uuid, prod, 'edits');
      expect(
        second.plan.items
          .filter((item) => item.action === 'update')
          .map((item) => item.objectType)
          .sort(),
      ).toEqual(['chart', 'dashboard', 'dataset']);
      await expectTargetHolds(session, prodClient, uuid, 'edits');
      nothingToChange((await plan(session, uuid, prod, 'edits')).summary);
    });

    it('removes a chart the branch drops from the dashboard, on prod and in dev, and rolls that deploy back', async () => {
      const dropped = commitWithoutChart(repoDir(session, uuid), 'drop-chart', 'Product cloud', 'edits');
      const deployed = await deploy(session, uuid, prod, 'drop-chart');
      expect(deployed.plan.items.filter((item) => item.action === 'delete-on-target')).toEqual([
        expect.objectContaining({ uuid: dropped, name: 'Product cloud' }),
      ]);
      // Before 6.1 an import leaves the chart on the dashboard: it must have been detached (and, unused, deleted).
      await expectTargetHolds(session, prodClient, uuid, 'drop-chart');
      nothingToChange((await plan(session, uuid, prod, 'drop-chart')).summary);

      expect(await switchBranch(session, uuid, 'drop-chart')).toMatchObject({
        imported: true,
        differences: [],
      });
      await expectInSync(session, uuid);
      expect(await switchBranch(session, uuid, 'main')).toMatchObject({ imported: true, differences: [] });
      await expectInSync(session, uuid);

      await rollBack(session, deployed.deployment.id);
      await expectTargetHolds(session, prodClient, uuid, 'edits');
    });

    it('a chart Superset refuses fails the deploy naming it by its file in git, and prod is put back whole', async () => {
      commitOnBranch(repoDir(session, uuid), 'bad-chart', (file, text) =>
        file.startsWith('charts/') && text.includes('\nslice_name: Orders\n')
          ? withFields(text, { cache_timeout: 'soon' })
          : null,
      );
      const failed = await deploy(session, uuid, prod, 'bad-chart', 'FAILED');
      expect(failed.deployment.message).toMatch(
        /chart 'Orders' \(charts\/orders--[0-9a-f]{8}\.yaml\): cache_timeout: Not a valid integer/,
      );
      expect(failed.deployment.message).toContain('The target was put back to its previous version.');
      await expectTargetHolds(session, prodClient, uuid, 'edits');
    });

    if (version !== '6.1.0') {
      it(`deploys a dashboard made on 6.1 into ${version}: what ${version} cannot hold is a warning, not a failure`, async () => {
        const sixOne = await registerSuperset(session, 'six-one', compatSuperset('dev-6.1.0'));
        const traffic = await connectDashboard(session, sixOne, compatSuperset('dev-6.1.0'), 'web-traffic');
        // What a 6.1 dataset can hold and older releases cannot.
        commitOnBranch(repoDir(session, traffic), 'six-one', (file, text) => {
          if (!file.startsWith('datasets/')) return null;
          const dataset = parseBundleYaml(text) as { columns: Array<Record<string, unknown>> };
          const columns = dataset.columns.map((column) =>
            column.column_name === 'visit_date' ? { ...column, datetime_format: '%Y-%m-%d' } : column,
          );
          return withFields(text, { columns, currency_code_column: 'channel' });
        });
        const planned = await plan(session, traffic, prod, 'six-one');
        expect(planned.errors).toEqual([]);
        expect(planned.warnings).toEqual([
          expect.objectContaining({
            message: `Superset ${version} cannot hold column 'visit_date': datetime_format, currency_code_column of dataset 'web_traffic': left out of the import.`,
          }),
        ]);
        const deployed = await deploy(session, traffic, prod, 'six-one');
        expect(deployed.plan.warnings).toHaveLength(1);
        nothingToChange((await plan(session, traffic, prod, 'six-one')).summary);
      });

      it(`the command line deploys a 6.1 export folder into ${version}, warning about what it leaves out`, async () => {
        const sixOne = compatSuperset('dev-6.1.0');
        const target = compatSuperset(`prod-${version}`);
        const out = await exportWithCli(sixOne, 'customers');
        const datasetFile = path.join(out, 'datasets', fs.readdirSync(path.join(out, 'datasets'))[0]!);
        fs.writeFileSync(
          datasetFile,
          withFields(fs.readFileSync(datasetFile, 'utf8'), { currency_code_column: 'country' }),
        );
        const deployArgs = ['deploy', out, '--url', target.url, '--user', target.username];
        const secret = { SUPERSET_PASSWORD: target.password };
        const dry = await runCli([...deployArgs, '--dry-run'], secret);
        expect(dry.code, dry.stderr).toBe(0);
        expect(dry.stdout).toContain(`Superset ${version}`);
        expect(dry.stdout).toMatch(
          /cannot hold currency_code_column of dataset 'customers': left out of the import/,
        );
        const real = await runCli(deployArgs, secret);
        expect(real.code, real.stderr + real.stdout).toBe(0);
        expect(real.stdout).toContain('Deployed.');
      });
    }
  });
}
