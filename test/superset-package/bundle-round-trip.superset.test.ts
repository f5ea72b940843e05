// Normalized dashboard bundles against two real Superset instances: stable across exports, free of instance
// ids, and a fixed point of export → normalize → rebuild → import into another Superset → export → normalize.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  denormalizeTree,
  exportDashboardBundle,
  normalizeBundle,
  parseBundleYaml,
  readBundle,
  importDashboardBundle,
  type NormalizedTree,
  type SupersetClient,
} from '@superset-git/superset';
import { supersetDev, supersetProd } from '../superset-instances.ts';
import {
  clientFor,
  createSpacerChart,
  dashboardId,
  deleteDashboardsAndCharts,
  exportNormalized,
  idsOf,
} from '../support/superset-admin.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';

const SEEDED = ['sales-overview', 'customers', 'web-traffic'];
let dev: SupersetClient;
let prod: SupersetClient;
const devTrees = new Map<string, NormalizedTree>();

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  dev = clientFor(supersetDev());
  prod = clientFor(supersetProd());
  for (const slug of SEEDED) devTrees.set(slug, await exportNormalized(dev, await dashboardId(dev, slug)));
}, 400_000);
afterAll(async () => {
  await Promise.all([dev?.close(), prod?.close()]);
  releaseLock?.();
});

const uuidOf = (tree: NormalizedTree, prefix: string) =>
  [...tree].filter(([path]) => path.startsWith(prefix)).map(([, text]) => String(parseBundleYaml(text).uuid));

describe('normalized dashboard bundles (real Superset 6.1: dev and prod)', () => {
  it.each(SEEDED)('%s: a second export with no edit gives the same tree, byte for byte', async (slug) => {
    const again = await exportNormalized(dev, await dashboardId(dev, slug));
    expect([...again]).toEqual([...devTrees.get(slug)!]);
  });

  it('names files by object name and short uuid, with no ids, timestamps or id-based references', () => {
    const tree = devTrees.get('sales-overview')!;
    const paths = [...tree.keys()];
    expect(paths).toContain('dashboard.yaml');
    expect(paths).toContain('metadata.yaml');
    expect(paths.filter((path) => path.startsWith('charts/'))).toHaveLength(22);
    for (const path of paths)
      expect(path).toMatch(
        /^(metadata\.yaml|dashboard\.yaml|(charts|datasets|databases)\/[a-z0-9-]+--[0-9a-f]{8}\.yaml)$/,
      );
    const all = [...tree.values()].join('\n');
    expect(all).not.toMatch(/timestamp:/);
    expect(all).not.toMatch(/chartId:/);
    expect(all).not.toMatch(/datasource: \d+__table/);
    const dashboard = parseBundleYaml(tree.get('dashboard.yaml')!) as {
      position: Record<string, { type?: string; meta?: { uuid?: string } }>;
    };
    const chartNodes = Object.values(dashboard.position).filter((node) => node.type === 'CHART');
    expect(chartNodes).toHaveLength(22);
    expect(new Set(chartNodes.map((node) => node.meta?.uuid))).toEqual(new Set(uuidOf(tree, 'charts/')));
  });

  it.each(SEEDED)(
    '%s: rebuilt and imported into prod (other ids), it exports back to the same tree',
    async (slug) => {
      const tree = devTrees.get(slug)!;
      const chartUuids = uuidOf(tree, 'charts/');
      const dashboardUuid = String(parseBundleYaml(tree.get('dashboard.yaml')!).uuid);
      // superset-git remembers the dashboard's id from this export…
      const known = await exportDashboardBundle(prod, dashboardUuid).catch(() => null);
      // Make prod differ from dev: the dashboard and its charts gone, a spacer chart taking the next id.
      await deleteDashboardsAndCharts(prod, [dashboardUuid], chartUuids);
      const datasetId = [...(await idsOf(prod, 'dataset')).values()][0]!;
      await createSpacerChart(prod, datasetId);

      const { files } = denormalizeTree(tree);
      await importDashboardBundle(prod, files);
      const prodIds = await idsOf(prod, 'chart', chartUuids);
      const devIds = await idsOf(dev, 'chart', chartUuids);
      expect(prodIds.size).toBe(chartUuids.length);
      expect([...prodIds].some(([uuid, id]) => devIds.get(uuid) !== id)).toBe(true);

      const back = await exportNormalized(prod, await dashboardId(prod, dashboardUuid));
      expect([...back.keys()].sort()).toEqual([...tree.keys()].sort());
      // …and, that id gone stale, still exports this dashboard and no other.
      if (known) {
        const again = normalizeBundle(readBundle(await exportDashboardBundle(prod, dashboardUuid)).files);
        expect([...again]).toEqual([...back]);
      }
      for (const [path, text] of tree) expect(back.get(path)?.split('\n'), path).toEqual(text.split('\n'));
      // And the imported dashboard really holds its charts in prod.
      const charts = await prod.json(
        { path: `/api/v1/dashboard/${dashboardUuid}/charts`, action: 'list charts' },
        z.object({ result: z.array(z.object({ id: z.number() })) }),
      );
      expect(charts.result).toHaveLength(chartUuids.length);
    },
  );
});
