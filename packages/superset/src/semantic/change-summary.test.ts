// The words beside a diff, on hand-made versions of each object's file.
import { describe, expect, it } from 'vitest';
import { toYaml, type Json } from '../bundle/yaml-text.ts';
import { summarizeChange } from './change-summary.ts';

const sum = (column: string, aggregate = 'SUM') => ({
  expressionType: 'SIMPLE',
  aggregate,
  column: { column_name: column },
});
const filter = (subject: string, operator: string, comparator: Json) => ({
  expressionType: 'SIMPLE',
  subject,
  operator,
  comparator,
  clause: 'WHERE',
});

function chart(params: Record<string, Json>, top: Record<string, Json> = {}) {
  return toYaml({
    slice_name: 'Revenue by region',
    viz_type: 'bar',
    uuid: 'aaaaaaaa-0000-4000-8000-000000000001',
    params: {
      metrics: [sum('amount')],
      groupby: ['region'],
      adhoc_filters: [],
      time_range: 'Last week',
      ...params,
    },
    query_context: { queries: [{ metrics: params.metrics ?? [sum('amount')] }] },
    ...top,
  });
}

describe('change summary', () => {
  it('a chart: the metric swapped, filters added, a renamed title, an option by its key', () => {
    const lines = summarizeChange(
      'charts/revenue--aaaaaaaa.yaml',
      chart({}),
      chart(
        {
          metrics: [sum('amount', 'AVG')],
          adhoc_filters: [filter('region', 'IN', ['EU', 'US']), filter('amount', '>', 10)],
          row_limit: 1000,
        },
        { slice_name: 'Average revenue by region' },
      ),
    );
    expect(lines).toEqual([
      "renamed 'Revenue by region' → 'Average revenue by region'",
      'metric changed SUM(amount) → AVG(amount)',
      '2 filters added: region IN (EU, US); amount > 10',
      'row limit changed none → 1000',
    ]);
  });

  it('a chart whose only change is one word of its title reads as a rename, nothing else', () => {
    expect(
      summarizeChange('charts/x.yaml', chart({}), chart({}, { slice_name: 'Revenue per region' })),
    ).toEqual(["renamed 'Revenue by region' → 'Revenue per region'"]);
  });

  it('unknown params are named by key, with their values when they are plain', () => {
    expect(
      summarizeChange('charts/x.yaml', chart({ color_picker: 1 }), chart({ color_picker: 2, legend: true })),
    ).toEqual(['option color_picker changed 1 → 2', 'option legend set to true']);
  });

  it('a dashboard: a chart added, a native filter removed, the title and a setting changed', () => {
    const dashboard = (charts: string[], filters: string[], title: string, scheme: string) =>
      toYaml({
        dashboard_title: title,
        uuid: 'dddddddd-0000-4000-8000-000000000000',
        position: Object.fromEntries(
          charts.map((name, index) => [
            `CHART-${index}`,
            { type: 'CHART', id: `CHART-${index}`, meta: { uuid: `u-${name}`, sliceName: name } },
          ]),
        ),
        metadata: {
          color_scheme: scheme,
          native_filter_configuration: filters.map((name) => ({ id: `NATIVE_FILTER-${name}`, name })),
        },
      });
    expect(
      summarizeChange(
        'dashboard.yaml',
        dashboard(['Orders'], ['Region', 'Country'], 'Sales', 'supersetColors'),
        dashboard(['Orders', 'Revenue'], ['Region'], 'Sales 2026', 'bnbColors'),
      ),
    ).toEqual([
      "renamed 'Sales' → 'Sales 2026'",
      "chart 'Revenue' added to the layout",
      "filter 'Country' removed",
      "colour scheme changed 'supersetColors' → 'bnbColors'",
    ]);
  });

  it('a dataset: a column added and a metric changed by name', () => {
    const dataset = (columns: string[], expression: string) =>
      toYaml({
        table_name: 'sales',
        columns: columns.map((column_name) => ({ column_name, type: 'TEXT' })),
        metrics: [{ metric_name: 'revenue', expression }],
      });
    expect(
      summarizeChange(
        'datasets/sales.yaml',
        dataset(['region'], 'SUM(amount)'),
        dataset(['region', 'country'], 'SUM(net)'),
      ),
    ).toEqual(["column added: 'country'", "metric 'revenue' changed SUM(amount) → SUM(net)"]);
  });

  it('says nothing for added, removed, unchanged or unreadable files, and cuts no change off', () => {
    expect(summarizeChange('charts/x.yaml', null, chart({}))).toEqual([]);
    expect(summarizeChange('charts/x.yaml', chart({}), chart({}))).toEqual([]);
    expect(summarizeChange('charts/x.yaml', chart({}), 'a: [')).toEqual([]);
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`k${index}`, index]));
    const lines = summarizeChange('charts/x.yaml', chart({}), chart(many));
    expect(lines).toHaveLength(12);
    expect(lines.at(-1)).toBe('option k9 set to 9');
  });
});

describe('dataset columns and metrics edited in place', () => {
  it('say which of their fields changed, by name, never as raw JSON', () => {
    const dataset = (type: string, temporal: boolean, format: string | null) =>
      toYaml({
        table_name: 'sales',
        columns: [{ column_name: 'sold_at', type, is_dttm: temporal }],
        metrics: [{ metric_name: 'revenue', expression: 'SUM(amount)', d3format: format }],
      });
    expect(
      summarizeChange(
        'datasets/sales.yaml',
        dataset('TEXT', false, null),
        dataset('TIMESTAMP', true, ',.2f'),
      ),
    ).toEqual([
      "column 'sold_at': is dttm false → true; type 'TEXT' → 'TIMESTAMP'",
      "metric 'revenue': d3format none → ',.2f'",
    ]);
  });
});
