// Every layout shape Superset's editor makes survives git: saved as the editor saves it, synced, deployed to another
// Superset and exported there, and switched away from and back, the layout is unchanged, node for node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Environment } from '@superset-git/contracts';
import { bundleYaml, parseBundleYaml, rison, type SupersetClient } from '@superset-git/superset';
import { commitOnBranch } from '../support/repo-edits.ts';
import { clientFor, dashboardId } from '../support/superset-admin.ts';
import { compatSuperset } from './compat-instances.ts';
import {
  checkout,
  connectDashboard,
  deploy,
  expectInSync,
  expectTargetHolds,
  openSession,
  plan,
  registerSuperset,
  repoDir,
  treeAtRef,
  type CompatSession,
} from './compat-session.ts';
import { everyLayoutShape } from './layout-shapes.ts';

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
  const id = await dashboardId(editor, 'sales-overview');
  const charts = await editor.json(
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
  layout = everyLayoutShape(
    'Sales Overview',
    charts.result.map((chart) => ({ id: chart.id, uuid: chart.uuid, name: chart.slice_name })),
  );
  // As Superset's editor saves: the layout goes in json_metadata's `positions`.
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
        positions: layout,
      }),
    },
    action: 'save the layout',
  });
});
afterAll(async () => {
  await Promise.all([session?.close(), editor?.close(), targetClient?.close()]);
});

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

describe('every layout shape of Superset’s editor (real Superset 6.1, and an empty target)', () => {
  let uuid: string;

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
    expect(await checkout(session, uuid, 'wider-notes')).toMatchObject({ imported: true, differences: [] });
    await expectInSync(session, uuid);
    expect(await checkout(session, uuid, 'main')).toMatchObject({ imported: true, differences: [] });
    await expectInSync(session, uuid);
  });
});
