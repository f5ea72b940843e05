// Adopting an environment's version: its overrides put back to the repository's values, on hand-made trees.
import { describe, expect, it } from 'vitest';
import { toYaml } from '../bundle/yaml-text.ts';
import { reverseOverrides } from './reverse-overrides.ts';

const DB = 'dbdbdbdb-0000-4000-8000-000000000000';
const DS = 'dsdsdsds-0000-4000-8000-000000000000';
const DASH = 'dadadada-0000-4000-8000-000000000000';
const overrides = {
  databaseUris: new Map([[DB, 'postgresql://prod']]),
  datasetSchema: 'prod_schema',
  dashboardSlug: 'sales-prod',
  dashboardTitle: null,
};

const base = new Map([
  [
    'databases/examples.yaml',
    toYaml({ database_name: 'examples', uuid: DB, sqlalchemy_uri: 'sqlite://dev' }),
  ],
  ['datasets/examples/orders.yaml', toYaml({ table_name: 'orders', uuid: DS, schema: 'main', sql: 'a' })],
  ['dashboard.yaml', toYaml({ dashboard_title: 'Sales', uuid: DASH, slug: 'sales' })],
]);

describe('reverse overrides', () => {
  it("keeps the repository's connection, schema and slug, and the environment's edits", () => {
    const target = new Map([
      [
        'databases/examples.yaml',
        toYaml({ database_name: 'examples', uuid: DB, sqlalchemy_uri: 'postgresql://prod' }),
      ],
      [
        'datasets/examples/orders-2.yaml',
        toYaml({ table_name: 'orders', uuid: DS, schema: 'prod_schema', sql: 'b' }),
      ],
      ['dashboard.yaml', toYaml({ dashboard_title: 'Sales (prod edit)', uuid: DASH, slug: 'sales-prod' })],
    ]);
    const { tree, notReversed } = reverseOverrides(target, base, overrides);
    expect(tree.get('databases/examples.yaml')).toContain('sqlite://dev');
    expect(tree.get('datasets/examples/orders.yaml')).toContain('schema: main');
    expect(tree.get('datasets/examples/orders.yaml')).toContain('sql: b');
    expect(tree.has('datasets/examples/orders-2.yaml')).toBe(false);
    expect(tree.get('dashboard.yaml')).toContain('slug: sales\n');
    expect(tree.get('dashboard.yaml')).toContain('Sales (prod edit)');
    expect(notReversed).toEqual([]);
  });

  it('says what it could not put back: a database and a dataset only the environment has', () => {
    const other = 'eeeeeeee-0000-4000-8000-000000000000';
    const target = new Map([
      [
        'databases/warehouse.yaml',
        toYaml({ database_name: 'warehouse', uuid: other, sqlalchemy_uri: 'x://' }),
      ],
      [
        'datasets/warehouse/new.yaml',
        toYaml({ table_name: 'fresh', uuid: 'ffffffff-0000-4000-8000-000000000000', schema: 'prod_schema' }),
      ],
    ]);
    const { notReversed } = reverseOverrides(target, base, overrides);
    expect(notReversed).toEqual([
      expect.stringContaining("Database 'warehouse' is only on the environment"),
      expect.stringContaining("The schema of 'fresh' keeps the environment's 'prod_schema'"),
    ]);
  });
});
