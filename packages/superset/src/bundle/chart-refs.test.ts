// Chart references in a dashboard's metadata: every place Superset keeps one is mapped (cross-filter scopes
// included), sets come out sorted, and a bundle's ids become the target's own.
import { describe, expect, it } from 'vitest';
import { mapChartRefs, retargetChartIds } from './chart-refs.ts';

const metadata = {
  timed_refresh_immune_slices: [2, 1],
  expanded_slices: { '1': true },
  default_filters: '{"2": {"region": ["EMEA"]}}',
  native_filter_configuration: [
    { id: 'F', chartsInScope: [2, 1], scope: { excluded: [3], rootPath: ['ROOT_ID'] } },
  ],
  chart_configuration: {
    '1': { id: 1, crossFilters: { chartsInScope: [3, 2], scope: { excluded: [1], rootPath: ['ROOT_ID'] } } },
  },
  global_chart_configuration: { chartsInScope: [3, 2, 1], scope: { excluded: [], rootPath: ['ROOT_ID'] } },
};

describe('chart references', () => {
  it('maps every reference, cross-filter scopes and legacy default filters included, and sorts the sets', () => {
    const names: Record<number, string> = { 1: 'c-one', 2: 'b-two', 3: 'a-three' };
    const mapped = mapChartRefs(metadata, (ref) => names[Number(ref)] ?? ref, { sortLists: true });
    expect(mapped).toEqual({
      timed_refresh_immune_slices: ['b-two', 'c-one'],
      expanded_slices: { 'c-one': true },
      default_filters: '{"b-two":{"region":["EMEA"]}}',
      native_filter_configuration: [
        {
          id: 'F',
          chartsInScope: ['b-two', 'c-one'],
          scope: { excluded: ['a-three'], rootPath: ['ROOT_ID'] },
        },
      ],
      chart_configuration: {
        'c-one': {
          id: 'c-one',
          crossFilters: {
            chartsInScope: ['a-three', 'b-two'],
            scope: { excluded: ['c-one'], rootPath: ['ROOT_ID'] },
          },
        },
      },
      global_chart_configuration: {
        chartsInScope: ['a-three', 'b-two', 'c-one'],
        scope: { excluded: [], rootPath: ['ROOT_ID'] },
      },
    });
  });

  it("gives a bundle's dashboard the target's ids, also where Superset's importers would not map them", () => {
    const dashboard = {
      position: {
        'CHART-a': { type: 'CHART', meta: { chartId: 1, uuid: 'uuid-a' } },
        'CHART-b': { type: 'CHART', meta: { chartId: 2, uuid: 'uuid-b' } },
        'CHART-c': { type: 'CHART', meta: { chartId: 3, uuid: 'uuid-c' } },
      },
      metadata,
    };
    // The target's ids overlap the bundle's: 2 is chart c there, and must not be mapped twice.
    const target = new Map([
      ['uuid-a', 57],
      ['uuid-b', 3],
      ['uuid-c', 2],
    ]);
    const out = retargetChartIds(dashboard, target) as typeof dashboard;
    expect(out.position['CHART-a'].meta.chartId).toBe(57);
    expect(out.metadata.global_chart_configuration.chartsInScope).toEqual([2, 3, 57]);
    expect(out.metadata.chart_configuration).toEqual({
      '57': {
        id: 57,
        crossFilters: { chartsInScope: [2, 3], scope: { excluded: [57], rootPath: ['ROOT_ID'] } },
      },
    });
    expect(out.metadata.native_filter_configuration[0]!.scope.excluded).toEqual([2]);
  });
});
