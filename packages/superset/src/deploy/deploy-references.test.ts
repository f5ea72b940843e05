// Reference checks and database adoption on small hand-made trees: what stops a deploy before any import.
import { describe, expect, it } from 'vitest';
import { toYaml, type Json } from '../bundle/yaml-text.ts';
import { objectsOf } from '../repo-layout/tree-objects.ts';
import { databaseProblems } from './deploy-checks.ts';
import { applyOverrides } from './deploy-overrides.ts';
import { referenceProblems } from './deploy-references.ts';

const DB = 'dbdbdbdb-0000-4000-8000-000000000000';
const PROD_DB = 'fefefefe-0000-4000-8000-000000000000';
const DATASET = 'dededede-0000-4000-8000-000000000000';
const CHART = 'aaaaaaaa-0000-4000-8000-000000000001';
const GONE = 'cccccccc-0000-4000-8000-000000000003';

function tree(metadata: { [key: string]: Json }, position: { [key: string]: Json } = {}) {
  return new Map<string, string>([
    [
      'databases/examples.yaml',
      toYaml({ database_name: 'examples', uuid: DB, sqlalchemy_uri: 'sqlite:///x' }),
    ],
    ['datasets/examples/sales.yaml', toYaml({ table_name: 'sales', uuid: DATASET, database_uuid: DB })],
    ['charts/a--aaaaaaaa.yaml', toYaml({ slice_name: 'Revenue', uuid: CHART, dataset_uuid: DATASET })],
    [
      'dashboard.yaml',
      toYaml({ dashboard_title: 'Sales', uuid: 'dddddddd-0000-4000-8000-000000000000', metadata, position }),
    ],
  ]);
}

const context = {
  targetDatasets: new Set<string>(),
  targetNames: new Map([[GONE, 'Old orders']]),
  deleted: new Set<string>(),
};

describe('reference checks before a deploy', () => {
  it('a native filter scoped to a chart the dashboard lacks is a blocking problem naming filter and chart', () => {
    const filter = { id: 'NATIVE_FILTER-r', name: 'Region', chartsInScope: [CHART, GONE], targets: [] };
    const { errors } = referenceProblems(tree({ native_filter_configuration: [filter] }), context);
    expect(errors.map((error) => error.message)).toEqual([
      "Native filter 'Region' names chart 'Old orders', which is not in this dashboard. Remove it from the scope in Superset, sync and commit.",
    ]);
  });

  it('the same chart is only a warning when this deploy deletes it from the target anyway', () => {
    const filter = { id: 'NATIVE_FILTER-r', name: 'Region', chartsInScope: [GONE] };
    const result = referenceProblems(tree({ native_filter_configuration: [filter] }), {
      ...context,
      deleted: new Set([GONE]),
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings[0]?.message).toMatch(/still names chart 'Old orders', which this deploy deletes/);
  });

  it('a filter on a dataset neither the bundle nor the target has, a cross-filter and a layout node naming a missing chart', () => {
    const other = 'eeeeeeee-0000-4000-8000-000000000000';
    const filter = { id: 'F', name: 'Country', targets: [{ datasetUuid: other, column: { name: 'c' } }] };
    const metadata = {
      native_filter_configuration: [filter],
      chart_configuration: { [CHART]: { id: CHART, crossFilters: { chartsInScope: [GONE] } } },
    };
    const position = { 'CHART-x': { type: 'CHART', meta: { uuid: GONE, sliceName: 'Old orders' } } };
    const messages = referenceProblems(tree(metadata, position), context).errors.map(
      (error) => error.message,
    );
    expect(messages).toEqual([
      `Native filter 'Country' reads dataset ${other}, which neither the repository nor the target has.`,
      "The cross-filter of chart 'Revenue' names chart 'Old orders', which is not in this dashboard. Remove it from the scope in Superset, sync and commit.",
      "The dashboard's layout places chart 'Old orders' ('Old orders'), which is not in the repository.",
    ]);
    const known = referenceProblems(tree({ native_filter_configuration: [filter] }), {
      ...context,
      targetDatasets: new Set([other]),
    });
    expect(known.errors).toEqual([]);
  });

  it('a chart whose dataset is not in the repository is refused (Superset would silently skip it)', () => {
    const files = tree({});
    files.delete('datasets/examples/sales.yaml');
    expect(referenceProblems(files, context).errors[0]?.message).toMatch(
      /^Chart 'Revenue' has no dataset in the repository/,
    );
  });
});

describe('a database named like one the target has', () => {
  const targetDatabases = [{ id: 7, uuid: PROD_DB, name: 'examples' }];

  it('offers to adopt the target database or to rename, and adopting settles it for the datasets too', () => {
    const [problem] = databaseProblems(tree({}), targetDatabases, () => false);
    expect(problem?.fixes).toEqual([
      expect.objectContaining({ kind: 'adopt-database', databaseUuid: DB, targetDatabaseUuid: PROD_DB }),
      expect.objectContaining({ kind: 'rename-database', databaseUuid: DB, databaseName: 'examples-2' }),
    ]);
    const adopted = applyOverrides(tree({}), {
      databaseUris: new Map(),
      databaseAdoptions: new Map([[DB, PROD_DB]]),
      datasetSchema: null,
      dashboardSlug: null,
      dashboardTitle: null,
    });
    expect(databaseProblems(adopted, targetDatabases, () => false)).toEqual([]);
    expect(objectsOf(adopted).get(DATASET)?.value.database_uuid).toBe(PROD_DB);
  });

  it('another name on the target changes only the database name; it is then new there, without a collision', () => {
    const renamed = applyOverrides(tree({}), {
      databaseUris: new Map(),
      databaseNames: new Map([[DB, 'examples-2']]),
      datasetSchema: null,
      dashboardSlug: null,
      dashboardTitle: null,
    });
    expect(objectsOf(renamed).get(DB)?.name).toBe('examples-2');
    expect(objectsOf(renamed).get(DATASET)?.value.database_uuid).toBe(DB);
    expect(databaseProblems(renamed, targetDatabases, () => false)).toEqual([]);
  });
});
