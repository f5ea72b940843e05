// The words a dashboard's settings edits get: native filters and cross-filters by the names of the charts and
// datasets they touch, colours by label, auto-refresh; on json_metadata as Superset 6.1 exports it (normalized:
// chart ids turned into chart uuids).
import { describe, expect, it } from 'vitest';
import { bundleYaml, summarizeChange } from '@superset-git/superset';

const uuid = (n: number) => `${String(n).padStart(8, '0')}-1111-4000-8000-000000000000`;
const ORDERS_DATASET = 'f98f8db0-fdd7-5c17-b20a-630027cf7034';
const CHARTS = ['Total revenue', 'Units sold', 'Orders'];
const position = Object.fromEntries(
  CHARTS.map((name, index) => [
    `CHART-${index}`,
    {
      type: 'CHART',
      id: `CHART-${index}`,
      children: [],
      parents: ['ROOT_ID', 'GRID_ID', 'ROW-1'],
      meta: { height: 50, width: 4, sliceName: name, uuid: uuid(index + 1) },
    },
  ]),
);

/** A native filter as Superset's filter editor writes it. */
function nativeFilter(name: string, column: string, charts: number[], value?: string[]) {
  return {
    cascadeParentIds: [],
    chartsInScope: charts.map(uuid),
    controlValues: {
      enableEmptyFilter: false,
      inverseSelection: false,
      multiSelect: true,
      searchAllOptions: false,
    },
    defaultDataMask: { extraFormData: {}, filterState: value ? { value } : {}, ownState: {} },
    description: '',
    filterType: 'filter_select',
    id: `NATIVE_FILTER-${column}`,
    name,
    scope: { excluded: [], rootPath: ['ROOT_ID'] },
    tabsInScope: [],
    targets: [{ column: { name: column }, datasetUuid: ORDERS_DATASET }],
    type: 'NATIVE_FILTER',
  };
}
const crossFilters = (charts: number[]) => ({
  crossFilters: { chartsInScope: charts.map(uuid), scope: { excluded: [], rootPath: ['ROOT_ID'] } },
  id: uuid(2),
});

function dashboard(metadata: Record<string, unknown>) {
  return bundleYaml({
    dashboard_title: 'Sales',
    uuid: 'dddddddd-0000-4000-8000-000000000000',
    position: position as never,
    metadata: {
      color_scheme: 'supersetColors',
      cross_filters_enabled: true,
      label_colors: {},
      refresh_frequency: 0,
      ...metadata,
    } as never,
  });
}
const datasets = (id: string) => (id === ORDERS_DATASET ? 'orders' : null);
const words = (before: Record<string, unknown>, after: Record<string, unknown>) =>
  summarizeChange('dashboard.yaml', dashboard(before), dashboard(after), datasets);

describe('dashboard settings in words', () => {
  it('a native filter added names its column, its dataset and the charts it applies to', () => {
    expect(
      words(
        { native_filter_configuration: [nativeFilter('Region', 'region', [1, 2, 3])] },
        {
          native_filter_configuration: [
            nativeFilter('Region', 'region', [1, 2, 3]),
            nativeFilter('Country', 'country', [1, 2]),
          ],
        },
      ),
    ).toEqual([
      "filter 'Country' added on column 'country' of dataset 'orders', applying to 'Total revenue' and 'Units sold'",
    ]);
  });

  it("a filter's default value and its reach change by chart name; a rename says both names", () => {
    const before = nativeFilter('Region', 'region', [1, 2, 3]);
    const after = {
      ...nativeFilter('Area', 'region', [1, 2], ['EMEA']),
      scope: { excluded: [uuid(3)], rootPath: ['ROOT_ID'] },
    };
    expect(
      words({ native_filter_configuration: [before] }, { native_filter_configuration: [after] }),
    ).toEqual([
      "filter 'Region' renamed to 'Area'",
      "filter 'Area' no longer applies to 'Orders'",
      "filter 'Area' default value changed none → 'EMEA'",
    ]);
  });

  it('cross-filter scopes, colours and auto-refresh read as a person sets them, without ids', () => {
    const lines = words(
      { chart_configuration: { [uuid(2)]: crossFilters([1, 3]) }, label_colors: { EMEA: '#1FA8C9' } },
      {
        chart_configuration: { [uuid(2)]: crossFilters([1]) },
        label_colors: { EMEA: '#454E7C', APAC: '#5AC189' },
        refresh_frequency: 300,
        cross_filters_enabled: false,
      },
    );
    expect(lines).toEqual([
      "'Units sold' cross-filters now exclude 'Orders'",
      'cross-filtering turned off',
      "colour of 'APAC' set to '#5AC189'",
      "colour of 'EMEA' changed '#1FA8C9' → '#454E7C'",
      'auto-refresh changed off → every 5 minutes',
    ]);
    expect(lines.join('\n')).not.toMatch(/[0-9a-f]{8}-1111|NATIVE_FILTER-|CHART-/);
  });

  it('a chart the dashboard does not place and the repository does not know is "an unnamed chart"', () => {
    expect(words({ timed_refresh_immune_slices: [] }, { timed_refresh_immune_slices: [uuid(9)] })).toEqual([
      'an unnamed chart now skipped by auto-refresh',
    ]);
  });
});
