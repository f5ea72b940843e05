// Normalization on small hand-made exports: ids become uuids, orphan copies disappear, other bundle types and
// invalid YAML are refused with the file named.
import { describe, expect, it } from 'vitest';
import { denormalizeTree } from './bundle-denormalize.ts';
import { normalizeBundle } from './bundle-normalize.ts';
import { fromYaml, toYaml } from './yaml-text.ts';

const CHART_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const CHART_B = 'bbbbbbbb-0000-4000-8000-000000000002';

function exportFiles(): Map<string, string> {
  const dashboard = {
    dashboard_title: 'Sales',
    uuid: 'dddddddd-0000-4000-8000-000000000000',
    position: {
      GRID_ID: { type: 'GRID', id: 'GRID_ID', children: ['ROW-1', 'ROW-N-N0T5TABL'] },
      'ROW-1': { type: 'ROW', id: 'ROW-1', children: ['CHART-a'], meta: {} },
      'CHART-a': { type: 'CHART', id: 'CHART-a', children: [], meta: { chartId: 7, sliceName: 'A' } },
      // What Superset's export appends for charts whose layout node has no uuid:
      'ROW-N-N0T5TABL': {
        type: 'ROW',
        id: 'ROW-N-N0T5TABL',
        children: ['CHART-X1Y2Z3W4', 'CHART-Q1Q2Q3Q4'],
        meta: { '0': 'ROOT_ID' },
      },
      'CHART-X1Y2Z3W4': {
        type: 'CHART',
        id: 'CHART-X1Y2Z3W4',
        children: [],
        meta: { chartId: 7, uuid: CHART_A },
      },
      'CHART-Q1Q2Q3Q4': {
        type: 'CHART',
        id: 'CHART-Q1Q2Q3Q4',
        children: [],
        meta: { chartId: 9, uuid: CHART_B },
      },
    },
    metadata: {
      expanded_slices: { '7': true },
      filter_scopes: { '9': { region: { immune: [7], scope: ['ROOT_ID'] } } },
      native_filter_configuration: [
        { id: 'F', chartsInScope: [7, 9], scope: { excluded: [9], rootPath: ['ROOT_ID'] } },
      ],
      chart_configuration: { '7': { id: 7, crossFilters: { chartsInScope: [9], scope: 'global' } } },
    },
  };
  return new Map([
    ['metadata.yaml', "version: 1.0.0\ntype: Dashboard\ntimestamp: '2026-01-01T00:00:00+00:00'\n"],
    ['dashboards/Sales_3.yaml', toYaml(dashboard)],
    [
      'charts/A_7.yaml',
      toYaml({
        slice_name: 'Revenue (€) by région',
        uuid: CHART_A,
        params: { datasource: '4__table', x: 1 },
        query_context: '{"datasource":{"id":4,"type":"table"},"form_data":{"datasource":"4__table","y":2}}',
        dataset_uuid: 'ds',
      }),
    ],
    [
      'charts/B_9.yaml',
      toYaml({
        slice_name: 'B',
        uuid: CHART_B,
        params: { datasource: '4__table' },
        query_context: null,
        dataset_uuid: 'ds',
      }),
    ],
    [
      'datasets/examples/sales_4.yaml',
      toYaml({ table_name: 'sales', uuid: 'eeeeeeee-0000-4000-8000-000000000004' }),
    ],
    [
      'databases/examples.yaml',
      toYaml({ database_name: 'examples', uuid: 'ffffffff-0000-4000-8000-000000000005' }),
    ],
  ]);
}

describe('normalizeBundle', () => {
  const tree = normalizeBundle(exportFiles());

  it('writes stable names, no timestamp, and embedded JSON as structure without instance ids', () => {
    expect([...tree.keys()].sort()).toEqual([
      'charts/b--bbbbbbbb.yaml',
      'charts/revenue-by-region--aaaaaaaa.yaml',
      'dashboard.yaml',
      'databases/examples--ffffffff.yaml',
      'datasets/sales--eeeeeeee.yaml',
      'metadata.yaml',
    ]);
    expect(tree.get('metadata.yaml')).toBe('type: Dashboard\nversion: 1.0.0\n');
    const chart = fromYaml(tree.get('charts/revenue-by-region--aaaaaaaa.yaml')!);
    expect(chart.params).toEqual({ annotation_layers: [], x: 1 });
    expect(chart.query_context).toEqual({ form_data: { y: 2 } });
  });

  it('replaces chart ids by uuids, drops orphan copies and keeps a really unplaced chart under a stable id', () => {
    const dashboard = fromYaml(tree.get('dashboard.yaml')!) as {
      position: Record<string, unknown>;
      metadata: Record<string, unknown>;
    };
    expect(Object.keys(dashboard.position).sort()).toEqual([
      'CHART-a',
      'CHART-bbbbbbbb',
      'GRID_ID',
      'ROW-1',
      'ROW-unplaced-charts',
    ]);
    expect(dashboard.position['CHART-a']).toMatchObject({ meta: { uuid: CHART_A } });
    expect(JSON.stringify(dashboard.position['CHART-a'])).not.toContain('chartId');
    expect(dashboard.position['GRID_ID']).toMatchObject({ children: ['ROW-1', 'ROW-unplaced-charts'] });
    expect(dashboard.metadata).toEqual({
      expanded_slices: { [CHART_A]: true },
      filter_scopes: { [CHART_B]: { region: { immune: [CHART_A], scope: ['ROOT_ID'] } } },
      native_filter_configuration: [
        { id: 'F', chartsInScope: [CHART_A, CHART_B], scope: { excluded: [CHART_B], rootPath: ['ROOT_ID'] } },
      ],
      chart_configuration: {
        [CHART_A]: { id: CHART_A, crossFilters: { chartsInScope: [CHART_B], scope: 'global' } },
      },
    });
  });

  it('keeps rows made in the editor, even with the meta an orphan row has, with their columns and markdown', () => {
    const files = exportFiles();
    const dashboard = fromYaml(files.get('dashboards/Sales_3.yaml')!) as {
      position: Record<string, unknown>;
    };
    dashboard.position['GRID_ID'] = { type: 'GRID', id: 'GRID_ID', children: ['ROW-1', 'ROW-user'] };
    delete dashboard.position['ROW-N-N0T5TABL'];
    delete dashboard.position['CHART-X1Y2Z3W4'];
    delete dashboard.position['CHART-Q1Q2Q3Q4'];
    dashboard.position['ROW-user'] = {
      type: 'ROW',
      id: 'ROW-user',
      children: ['COLUMN-1', 'MARKDOWN-1'],
      meta: { '0': 'ROOT_ID', background: 'BACKGROUND_TRANSPARENT' },
    };
    dashboard.position['COLUMN-1'] = {
      type: 'COLUMN',
      id: 'COLUMN-1',
      children: ['CHART-b'],
      meta: { width: 4 },
    };
    dashboard.position['CHART-b'] = {
      type: 'CHART',
      id: 'CHART-b',
      children: [],
      meta: { chartId: 9, uuid: CHART_B },
    };
    dashboard.position['MARKDOWN-1'] = {
      type: 'MARKDOWN',
      id: 'MARKDOWN-1',
      children: [],
      meta: { code: '# Hi' },
    };
    files.set('dashboards/Sales_3.yaml', toYaml(dashboard as never));
    const position = (fromYaml(normalizeBundle(files).get('dashboard.yaml')!) as typeof dashboard).position;
    expect(Object.keys(position).sort()).toEqual([
      'CHART-a',
      'CHART-b',
      'COLUMN-1',
      'GRID_ID',
      'MARKDOWN-1',
      'ROW-1',
      'ROW-user',
    ]);
    expect(position['ROW-user']).toMatchObject({ children: ['COLUMN-1', 'MARKDOWN-1'] });
  });

  it('leaves out what only one release writes as its default, so every release gives the same files', () => {
    const files = exportFiles();
    const dashboard = fromYaml(files.get('dashboards/Sales_3.yaml')!);
    files.set(
      'dashboards/Sales_3.yaml',
      toYaml({
        ...dashboard,
        theme_uuid: null,
        metadata: { ...(dashboard.metadata as object), default_filters: '{}' },
      }),
    );
    files.set(
      'datasets/examples/sales_4.yaml',
      toYaml({
        table_name: 'sales',
        uuid: 'eeeeeeee-0000-4000-8000-000000000004',
        folders: null,
        currency_code_column: null,
        columns: [{ column_name: 'a', datetime_format: null, is_active: null }],
      }),
    );
    files.set(
      'databases/examples.yaml',
      toYaml({
        database_name: 'examples',
        uuid: 'ffffffff-0000-4000-8000-000000000005',
        impersonate_user: false,
        configuration_method: 'sqlalchemy_form',
      }),
    );
    const normalized = normalizeBundle(files);
    expect(normalized.get('dashboard.yaml')).not.toMatch(/theme_uuid|default_filters/);
    expect(fromYaml(normalized.get('datasets/sales--eeeeeeee.yaml')!)).toEqual({
      table_name: 'sales',
      uuid: 'eeeeeeee-0000-4000-8000-000000000004',
      columns: [{ column_name: 'a', is_active: true }],
    });
    expect(fromYaml(normalized.get('databases/examples--ffffffff.yaml')!)).toEqual({
      database_name: 'examples',
      uuid: 'ffffffff-0000-4000-8000-000000000005',
    });
  });

  it('rebuilds a bundle whose ids agree between positions and metadata', () => {
    const { files, databaseFiles } = denormalizeTree(tree, new Date('2026-02-02T00:00:00Z'));
    const dashboardFile = [...files.keys()].find((file) => file.startsWith('dashboards/'))!;
    const dashboard = fromYaml(files.get(dashboardFile)!) as {
      position: Record<string, { meta?: { chartId?: number; uuid?: string } }>;
      metadata: { expanded_slices: Record<string, boolean> };
    };
    const idOfA = dashboard.position['CHART-a']!.meta!.chartId!;
    expect(dashboard.metadata.expanded_slices).toEqual({ [String(idOfA)]: true });
    expect(fromYaml(files.get('metadata.yaml')!).timestamp).toBe('2026-02-02T00:00:00.000Z');
    // Quoted, or Superset's YAML 1.1 reader would take it for a datetime and refuse the bundle.
    expect(files.get('metadata.yaml')).toMatch(/timestamp: ["']2026-02-02T00:00:00.000Z["']/);
    const chartFile = [...files.keys()].find((file) => file.startsWith('charts/revenue'))!;
    expect(typeof fromYaml(files.get(chartFile)!).query_context).toBe('string');
    expect([...databaseFiles.values()]).toEqual(['databases/examples--ffffffff.yaml']);
    // And it normalizes back to the same tree.
    expect(normalizeBundle(files)).toEqual(tree);
  });

  it('refuses a bundle of another type, and invalid YAML naming the file', () => {
    const charts = exportFiles();
    charts.set('metadata.yaml', 'version: 1.0.0\ntype: Slice\n');
    expect(() => normalizeBundle(charts)).toThrow(/Slice bundle/);
    const broken = exportFiles();
    broken.set('charts/B_9.yaml', 'slice_name: [unclosed\n');
    expect(() => normalizeBundle(broken)).toThrow(/charts\/B_9\.yaml: invalid YAML/);
  });
});
