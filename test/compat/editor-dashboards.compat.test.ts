// Dashboards as people make them in Superset's editor survive git: one edited in Superset's own frontend (Chromium:
// a chart moved and resized, the title changed, a native filter scoped to two charts), and a layout with every
// shape the editor makes. Synced, switched away from and back, deployed to another Superset and exported there,
// neither shows an edit nobody made, and every chart reference names the same chart on the target.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Environment } from '@superset-git/contracts';
import { bundleYaml, parseBundleYaml, rison, type SupersetClient } from '@superset-git/superset';
import { commitOnBranch } from '../support/repo-edits.ts';
import { clientFor, dashboardId } from '../support/superset-admin.ts';
import { compatSuperset } from './compat-instances.ts';
import {
  commitAll,
  switchBranch,
  connectDashboard,
  deploy,
  expectInSync,
  expectTargetHolds,
  openSession,
  plan,
  registerSuperset,
  repoDir,
  status,
  sync,
  treeAtRef,
  type CompatSession,
} from './compat-session.ts';
import { everyLayoutShape } from './layout-shapes.ts';
import { SCREENSHOT_DIR } from '../e2e/browser.ts';
import {
  addNativeFilter,
  editDashboardLayout,
  loginToSuperset,
  openSupersetBrowser,
  renameDashboard,
  type SupersetBrowser,
} from '../support/superset-ui.ts';

let session: CompatSession;
let editor: SupersetClient;
let targetClient: SupersetClient;
let dev: Environment;
let target: Environment;
let layout: Record<string, unknown>;

beforeAll(async () => {
  session = await openSession();
  dev = await registerSuperset(session, 'dev', compatSuperset('editor'));
  target = await registerSuperset(session, 'target', compatSuperset('editorTarget'));
  editor = clientFor(compatSuperset('editor'));
  targetClient = clientFor(compatSuperset('editorTarget'));
});
afterAll(async () => {
  await Promise.all([session?.close(), editor?.close(), targetClient?.close()]);
});

/** Saves a layout as Superset's editor does: in json_metadata's `positions`. */
async function saveLayout(slug: string, position: Record<string, unknown>): Promise<void> {
  const id = await dashboardId(editor, slug);
  const current = await editor.json(
    { path: `/api/v1/dashboard/${id}`, action: 'read the dashboard' },
    z.object({ result: z.object({ json_metadata: z.string().nullable() }) }),
  );
  await editor.call({
    method: 'PUT',
    path: `/api/v1/dashboard/${id}`,
    json: {
      json_metadata: JSON.stringify({
        ...JSON.parse(current.result.json_metadata ?? '{}'),
        positions: position,
      }),
    },
    action: 'save the layout',
  });
}

/** The charts of a dashboard there: id, uuid and name. */
async function chartsOf(client: SupersetClient, slug: string) {
  const id = await dashboardId(client, slug);
  const charts = await client.json(
    {
      path: '/api/v1/chart/',
      query: {
        q: rison({
          columns: ['id', 'uuid', 'slice_name'],
          filters: [{ col: 'dashboards', opr: 'rel_m_m', value: id }],
          page_size: 100,
        }),
      },
      action: "list the dashboard's charts",
    },
    z.object({ result: z.array(z.object({ id: z.number(), uuid: z.string(), slice_name: z.string() })) }),
  );
  return charts.result.map((chart) => ({ id: chart.id, uuid: chart.uuid, name: chart.slice_name }));
}

interface Metadata {
  native_filter_configuration: Array<{ name: string; chartsInScope: Array<string | number> }>;
  global_chart_configuration: { chartsInScope: Array<string | number> };
  chart_configuration: Record<string, unknown>;
}

type Position = Record<
  string,
  { type?: string; children?: string[]; parents?: string[]; meta?: Record<string, unknown> }
>;

/** The layout as git keeps it: each node's type, children and parents, and its meta without the instance's chart id. */
function shape(position: Position): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(position).map(([id, node]) => {
      if (!node || typeof node !== 'object') return [id, node];
      const { chartId: _chartId, ...meta } = node.meta ?? {};
      return [id, { type: node.type, children: node.children ?? [], parents: node.parents ?? [], meta }];
    }),
  );
}

describe('a dashboard edited in Superset’s own editor (Chromium, real Superset 6.1, and an empty target)', () => {
  const info = () => compatSuperset('editor');
  let ui: SupersetBrowser;
  let uuid: string;
  let scoped: Array<{ id: number; uuid: string; name: string }>;

  beforeAll(async () => {
    ui = await openSupersetBrowser();
    await loginToSuperset(ui.page, info());
  });
  afterAll(async () => {
    await ui?.close();
  });

  it('is kept in git as saved: a chart moved and resized, a new title, a native filter scoped to two charts', async () => {
    uuid = await connectDashboard(session, dev, info(), 'customers');
    const ref = { url: info().url, slug: 'customers' };
    await editDashboardLayout(ui.page, { ...ref, title: 'Customers (edited)', screenshotPrefix: undefined });
    await addNativeFilter(ui.page, {
      ...ref,
      name: 'Segment (2 charts)',
      dataset: 'customers',
      column: 'segment',
      chartNames: ['Customers by segment', 'Lifetime value by country'],
    });
    // The filter dialog saves no chartsInScope; the next save of the dashboard does, as a person's would.
    await renameDashboard(ui.page, { ...ref, title: 'Customers (edited in Superset)' });
    await ui.page.screenshot({ path: `${SCREENSHOT_DIR}/superset-editor-saved.png`, fullPage: true });

    await sync(session, uuid);
    const changes = (await status(session, uuid)).changes.map((change) => change.path);
    expect(changes).toEqual(['dashboard.yaml']);
    await commitAll(session, uuid, 'Edited in Superset');
    await expectInSync(session, uuid);

    const charts = await chartsOf(editor, 'customers');
    scoped = charts.filter((chart) =>
      ['Customers by segment', 'Lifetime value by country'].includes(chart.name),
    );
    const kept = parseBundleYaml(
      (await treeAtRef(session, uuid, 'main')).get('dashboard.yaml')!,
    ) as unknown as {
      dashboard_title: string;
      metadata: Metadata;
    };
    expect(kept.dashboard_title).toBe('Customers (edited in Superset)');
    const filter = kept.metadata.native_filter_configuration.find(
      (item) => item.name === 'Segment (2 charts)',
    )!;
    expect(filter.chartsInScope).toEqual(scoped.map((chart) => chart.uuid).sort());
    // Every chart reference is a uuid in git, whatever the instance's ids.
    const all = charts.map((chart) => chart.uuid).sort();
    expect(kept.metadata.global_chart_configuration.chartsInScope).toEqual(all);
    for (const key of Object.keys(kept.metadata.chart_configuration)) expect(all).toContain(key);
  });

  it('switches to another branch and back without an edit nobody made', async () => {
    commitOnBranch(repoDir(session, uuid), 'retitled', (file, text) =>
      file === 'dashboard.yaml'
        ? bundleYaml({ ...parseBundleYaml(text), dashboard_title: 'Customers (draft)' })
        : null,
    );
    expect(await switchBranch(session, uuid, 'retitled')).toMatchObject({ imported: true, differences: [] });
    await expectInSync(session, uuid);
    expect(await switchBranch(session, uuid, 'main')).toMatchObject({ imported: true, differences: [] });
    await expectInSync(session, uuid);
  });

  it('deploys whole: the target holds what git holds, its filter scope names its own chart ids, and a redeploy plans nothing', async () => {
    // Another dashboard first, so the target's chart ids differ from dev's and from the bundle's own (1, 2, …).
    const traffic = await connectDashboard(session, dev, info(), 'web-traffic');
    await deploy(session, traffic, target, 'main');
    await deploy(session, uuid, target, 'main');
    await expectTargetHolds(session, targetClient, uuid, 'main');
    expect(
      (await plan(session, uuid, target, 'main')).items.filter((item) => item.action !== 'unchanged'),
    ).toEqual([]);

    const onTarget = new Map(
      (await chartsOf(targetClient, 'customers')).map((chart) => [chart.uuid, chart.id]),
    );
    const stored = await targetClient.json(
      { path: `/api/v1/dashboard/${uuid}`, action: 'read the dashboard' },
      z.object({ result: z.object({ json_metadata: z.string() }) }),
    );
    const metadata = JSON.parse(stored.result.json_metadata) as Metadata;
    const filter = metadata.native_filter_configuration.find((item) => item.name === 'Segment (2 charts)')!;
    const expected = scoped.map((chart) => onTarget.get(chart.uuid)!);
    expect([...filter.chartsInScope].sort()).toEqual([...expected].sort());
    expect(expected.some((id, index) => id !== scoped[index]!.id)).toBe(true);
    expect([...metadata.global_chart_configuration.chartsInScope].sort()).toEqual(
      [...onTarget.values()].sort(),
    );
  });
});

describe('every layout shape of Superset’s editor (real Superset 6.1, and an empty target)', () => {
  let uuid: string;
  beforeAll(async () => {
    layout = everyLayoutShape('Sales Overview', await chartsOf(editor, 'sales-overview'));
    await saveLayout('sales-overview', layout);
  });

  it('is kept in git node for node: rows, columns in rows, tabs in tabs, headers, markdown, dividers', async () => {
    uuid = await connectDashboard(session, dev, compatSuperset('editor'), 'sales-overview');
    const kept = parseBundleYaml((await treeAtRef(session, uuid, 'main')).get('dashboard.yaml')!);
    expect(shape(kept.position as Position)).toEqual(shape(layout as Position));
    const types = Object.values(layout as Position).map((node) => node.type);
    for (const type of ['ROW', 'COLUMN', 'TABS', 'TAB', 'HEADER', 'MARKDOWN', 'DIVIDER', 'CHART'])
      expect(types).toContain(type);
    await expectInSync(session, uuid);
  });

  it('is the same on another Superset after a deploy, and a redeploy plans nothing', async () => {
    await deploy(session, uuid, target, 'main');
    await expectTargetHolds(session, targetClient, uuid, 'main');
    const again = await plan(session, uuid, target, 'main');
    expect(again.items.filter((item) => item.action !== 'unchanged')).toEqual([]);
  });

  it('is the same after switching to a branch and back', async () => {
    commitOnBranch(repoDir(session, uuid), 'wider-notes', (file, text) => {
      if (file !== 'dashboard.yaml') return null;
      const dashboard = parseBundleYaml(text) as { position: Position };
      dashboard.position['MARKDOWN-Lp0sQ8mZ1c']!.meta!.width = 6;
      return bundleYaml(dashboard as never);
    });
    expect(await switchBranch(session, uuid, 'wider-notes')).toMatchObject({
      imported: true,
      differences: [],
    });
    await expectInSync(session, uuid);
    expect(await switchBranch(session, uuid, 'main')).toMatchObject({ imported: true, differences: [] });
    await expectInSync(session, uuid);
  });
});
