// The deploy plan and its checks on small hand-made trees: what a person reads before anything is imported.
import { describe, expect, it } from 'vitest';
import { toYaml } from '../bundle/yaml-text.ts';
import { databaseProblems } from './deploy-checks.ts';
import { applyOverrides } from './deploy-overrides.ts';
import { planObjects } from './deploy-plan.ts';

const DB = 'dbdbdbdb-0000-4000-8000-000000000000';
const DATASET = 'dededede-0000-4000-8000-000000000000';
const CHART_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const CHART_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const DASHBOARD = 'dddddddd-0000-4000-8000-000000000000';

function tree(options: { chartBName?: string; withChartB?: boolean; uri?: string } = {}) {
  const files = new Map<string, string>([
    ['metadata.yaml', toYaml({ version: '1.0.0', type: 'Dashboard' })],
    [
      'databases/examples.yaml',
      toYaml({ database_name: 'examples', uuid: DB, sqlalchemy_uri: options.uri ?? 'sqlite:///x.db' }),
    ],
    ['datasets/examples/sales.yaml', toYaml({ table_name: 'sales', uuid: DATASET, schema: 'main' })],
    ['charts/a--aaaaaaaa.yaml', toYaml({ slice_name: 'Revenue', uuid: CHART_A })],
    ['dashboard.yaml', toYaml({ dashboard_title: 'Sales', slug: 'sales', uuid: DASHBOARD })],
  ]);
  if (options.withChartB !== false)
    files.set(
      'charts/b--bbbbbbbb.yaml',
      toYaml({ slice_name: options.chartBName ?? 'Orders', uuid: CHART_B }),
    );
  return files;
}

const nothing = { databases: new Set<string>(), datasets: new Set<string>() };

describe('deploy plan', () => {
  it('creates everything on a target without the dashboard, in import order', () => {
    const items = planObjects(tree(), null, nothing);
    expect(items.map((item) => [item.objectType, item.name, item.action])).toEqual([
      ['database', 'examples', 'create'],
      ['dataset', 'sales', 'create'],
      ['chart', 'Orders', 'create'],
      ['chart', 'Revenue', 'create'],
      ['dashboard', 'Sales', 'create'],
    ]);
  });

  it('names the one changed chart, the chart the target will lose, and never overwrites a database', () => {
    const target = tree({ uri: 'postgresql://u:XXXXXXXXXX@prod/db' });
    const ours = tree({ chartBName: 'Orders per day' });
    ours.delete('charts/a--aaaaaaaa.yaml');
    const items = planObjects(ours, target, nothing);
    expect(items.filter((item) => item.action !== 'unchanged')).toEqual([
      expect.objectContaining({ objectType: 'chart', name: 'Orders per day', action: 'update' }),
      expect.objectContaining({ objectType: 'chart', name: 'Revenue', action: 'delete-on-target' }),
    ]);
    expect(items.find((item) => item.objectType === 'database')?.action).toBe('unchanged');
  });

  it('an updated chart says what changes inside it and carries both versions; others carry no text', () => {
    const target = tree();
    const items = planObjects(tree({ chartBName: 'Orders per day' }), target, nothing);
    const chart = items.find((item) => item.action === 'update')!;
    expect(chart.changes).toEqual(["renamed 'Orders' → 'Orders per day'"]);
    expect(chart.before).toBe(target.get('charts/b--bbbbbbbb.yaml'));
    expect(chart.after).toMatch(/slice_name: Orders per day/);
    expect(items.filter((item) => item.action === 'unchanged').every((item) => item.after === null)).toBe(
      true,
    );
  });

  it('a dataset another dashboard uses on the target is compared with its own export there', () => {
    const shared = new Map([
      ['datasets/examples/sales.yaml', toYaml({ table_name: 'sales', uuid: DATASET, schema: 'staging' })],
    ]);
    const onTarget = { databases: new Set([DB]), datasets: new Set([DATASET]) };
    const dataset = planObjects(tree(), null, onTarget, shared).find(
      (item) => item.objectType === 'dataset',
    )!;
    expect(dataset).toMatchObject({ action: 'update', changes: ["schema changed 'staging' → 'main'"] });
    const same = new Map([['datasets/examples/sales.yaml', tree().get('datasets/examples/sales.yaml')!]]);
    expect(planObjects(tree(), null, onTarget, same)[1]).toMatchObject({ action: 'unchanged' });
  });

  it('a dataset another dashboard already uses on the target is an update, not a create', () => {
    const items = planObjects(tree(), null, { databases: new Set([DB]), datasets: new Set([DATASET]) });
    expect(items.slice(0, 2).map((item) => item.action)).toEqual(['unchanged', 'update']);
  });
});

describe('deploy settings applied to the bundle', () => {
  it('sets the database URI, every dataset schema, the slug and the title; leaves the rest byte for byte', () => {
    const before = tree();
    const after = applyOverrides(before, {
      databaseUris: new Map([[DB, 'postgresql://bi@prod/warehouse']]),
      datasetSchema: 'analytics',
      dashboardSlug: 'sales-prod',
      dashboardTitle: null,
    });
    expect(after.get('databases/examples.yaml')).toMatch(/sqlalchemy_uri: postgresql:\/\/bi@prod\/warehouse/);
    expect(after.get('datasets/examples/sales.yaml')).toMatch(/schema: analytics/);
    expect(after.get('dashboard.yaml')).toMatch(/slug: sales-prod/);
    expect(after.get('dashboard.yaml')).toMatch(/dashboard_title: Sales/);
    expect(after.get('charts/a--aaaaaaaa.yaml')).toBe(before.get('charts/a--aaaaaaaa.yaml'));
  });
});

describe('deploy checks', () => {
  const masked = tree({ uri: 'postgresql://bi:XXXXXXXXXX@prod/warehouse' });

  it('a new database whose password the export masked needs the password in the deploy settings', () => {
    expect(databaseProblems(masked, [], () => false)).toEqual([
      {
        path: 'databases/examples.yaml',
        message: expect.stringMatching(/'examples' is new on the target and needs its password/),
      },
    ]);
    expect(databaseProblems(masked, [], () => true)).toEqual([]);
    // Already on the target: its own connection is kept, no password needed.
    expect(databaseProblems(masked, [{ id: 1, uuid: DB, name: 'examples' }], () => false)).toEqual([]);
  });

  it('another database with the same name on the target is named before the import fails on it', () => {
    const other = [{ id: 3, uuid: 'ffffffff-0000-4000-8000-000000000000', name: 'examples' }];
    expect(databaseProblems(tree(), other, () => false)).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/another database named 'examples'/) }),
    ]);
  });
});
