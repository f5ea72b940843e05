// Drift between a deployed tree and the target's export, on hand-made trees.
import { describe, expect, it } from 'vitest';
import { toYaml } from '../bundle/yaml-text.ts';
import { treeDrift } from './object-diff.ts';

const CHART = 'aaaaaaaa-0000-4000-8000-000000000001';
const EXTRA = 'cccccccc-0000-4000-8000-000000000003';
const DB = 'dbdbdbdb-0000-4000-8000-000000000000';

const deployed = new Map([
  ['charts/revenue--aaaaaaaa.yaml', toYaml({ slice_name: 'Revenue', uuid: CHART, viz_type: 'bar' })],
  ['databases/examples.yaml', toYaml({ database_name: 'examples', uuid: DB, sqlalchemy_uri: 'a://' })],
]);

describe('drift from the deployed tree', () => {
  it('is empty when the target holds what was deployed, whatever its databases say', () => {
    const target = new Map(deployed);
    target.set(
      'databases/examples.yaml',
      toYaml({ database_name: 'examples', uuid: DB, sqlalchemy_uri: 'b://' }),
    );
    expect(treeDrift(deployed, target)).toEqual({ items: [], unchanged: 1 });
  });

  it('names a chart edited on the target with its change, and one missing from the deployed tree', () => {
    const target = new Map(deployed);
    target.set(
      'charts/revenue--aaaaaaaa.yaml',
      toYaml({ slice_name: 'Revenue', uuid: CHART, viz_type: 'line' }),
    );
    target.set('charts/extra--cccccccc.yaml', toYaml({ slice_name: 'Extra', uuid: EXTRA }));
    expect(treeDrift(deployed, target).items).toEqual([
      expect.objectContaining({ name: 'Extra', kind: 'missing', before: null }),
      expect.objectContaining({
        name: 'Revenue',
        kind: 'different',
        changes: ["chart type changed 'bar' → 'line'"],
      }),
    ]);
  });

  it('calls an object of the ref the target lacks new, and counts what is the same', () => {
    const ref = new Map(deployed);
    ref.set('charts/extra--cccccccc.yaml', toYaml({ slice_name: 'Extra', uuid: EXTRA }));
    expect(treeDrift(ref, deployed)).toEqual({
      items: [expect.objectContaining({ name: 'Extra', kind: 'new', after: null })],
      unchanged: 1,
    });
  });

  it('does not call a dashboard drifted only because the import gave it an empty filter list', () => {
    const DASH = 'dddddddd-0000-4000-8000-000000000004';
    const dashboard = { dashboard_title: 'Extra dashboard 001', uuid: DASH, position: { GRID_ID: {} } };
    const ref = new Map([['dashboard.yaml', toYaml(dashboard)]]);
    const imported = new Map([
      ['dashboard.yaml', toYaml({ ...dashboard, metadata: { native_filter_configuration: [] } })],
    ]);
    expect(treeDrift(ref, imported)).toEqual({ items: [], unchanged: 1 });
    const filtered = new Map([
      [
        'dashboard.yaml',
        toYaml({ ...dashboard, metadata: { native_filter_configuration: [], refresh_frequency: 60 } }),
      ],
    ]);
    expect(treeDrift(ref, filtered).items).toEqual([expect.objectContaining({ kind: 'different' })]);
  });
});
