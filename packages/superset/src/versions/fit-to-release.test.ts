// Fitting objects to an older importer: unknown fields (nested ones too) are left out and named; fields an
// importer renames before validating are kept; nothing is lost where the release knows every field.
import { describe, expect, it } from 'vitest';
import { fitFiles, fitObject } from './fit-to-release.ts';
import { releaseOf, importFieldsOf } from './superset-release.ts';
import { fromYaml, toYaml, type Json } from '../bundle/yaml-text.ts';

const dataset: { [key: string]: Json } = {
  table_name: 'sales',
  uuid: 'eeeeeeee-0000-4000-8000-000000000004',
  folders: [
    { name: 'Money', type: 'folder', uuid: 'f', children: [{ name: 'x', type: 'metric', uuid: 'm' }] },
  ],
  currency_code_column: 'currency',
  columns: [
    { column_name: 'order_date', is_dttm: true, datetime_format: '%Y-%m-%d' },
    { column_name: 'amount', datetime_format: null },
  ],
  metrics: [
    {
      metric_name: 'revenue',
      expression: 'SUM(amount)',
      currency: { symbol: 'EUR', symbolPosition: 'prefix' },
    },
  ],
};

describe('fitting a bundle to a Superset release', () => {
  it('leaves out, for 5.0, the 6.x dataset fields and names each one, with the column it was in', () => {
    const { value, dropped } = fitObject(
      'datasets/sales--eeeeeeee.yaml',
      dataset,
      importFieldsOf(releaseOf('5.0.0')),
    );
    expect(value).toEqual({
      table_name: 'sales',
      uuid: 'eeeeeeee-0000-4000-8000-000000000004',
      columns: [{ column_name: 'order_date', is_dttm: true }, { column_name: 'amount' }],
      // 5.0 takes a metric's currency as a free-form value.
      metrics: [
        {
          metric_name: 'revenue',
          expression: 'SUM(amount)',
          currency: { symbol: 'EUR', symbolPosition: 'prefix' },
        },
      ],
    });
    expect(dropped.map((field) => [field.field, field.lost])).toEqual([
      ['folders', true],
      ['currency_code_column', true],
      ['columns[0].datetime_format', true],
      ['columns[1].datetime_format', false],
    ]);
    expect(dropped[0]).toMatchObject({ objectType: 'dataset', name: 'sales' });
  });

  it('keeps everything for 6.1, including folders nested in folders', () => {
    const { value, dropped } = fitObject(
      'datasets/sales--eeeeeeee.yaml',
      dataset,
      importFieldsOf(releaseOf('6.1.0')),
    );
    expect(dropped).toEqual([]);
    expect(value).toEqual(dataset);
  });

  it("keeps the names an importer renames before validating (a database's allow_file_upload)", () => {
    const database = {
      database_name: 'examples',
      allow_file_upload: false,
      extra: { schemas_allowed_for_file_upload: [], per_user_caching: true },
      impersonate_user: false,
    };
    const { value, dropped } = fitObject(
      'databases/examples.yaml',
      database,
      importFieldsOf(releaseOf('4.1.4')),
    );
    expect(value).toEqual({
      database_name: 'examples',
      allow_file_upload: false,
      extra: { schemas_allowed_for_file_upload: [] },
    });
    expect(dropped.map((field) => field.field)).toEqual(['extra.per_user_caching', 'impersonate_user']);
  });

  it('rewrites only the files that lose a field, in either layout', () => {
    const files = new Map([
      ['dashboards/Sales_1.yaml', toYaml({ dashboard_title: 'Sales', theme_uuid: null, tags: ['kpi'] })],
      ['charts/a_1.yaml', 'slice_name: A\n'],
      ['metadata.yaml', 'version: 1.0.0\n'],
    ]);
    const { files: fitted, dropped } = fitFiles(files, importFieldsOf(releaseOf('4.1.4')));
    expect(fromYaml(fitted.get('dashboards/Sales_1.yaml')!)).toEqual({ dashboard_title: 'Sales' });
    expect(fitted.get('charts/a_1.yaml')).toBe('slice_name: A\n');
    expect(dropped.filter((field) => field.lost).map((field) => field.field)).toEqual(['tags']);
  });
});

describe('Superset releases', () => {
  it('treats a patch or an unknown release as the nearest supported one', () => {
    expect(releaseOf('5.0.3')).toEqual({ version: '5.0.3', line: '5.0', unsupported: false });
    expect(releaseOf('6.2.0')).toMatchObject({ line: '6.1', unsupported: false });
    expect(releaseOf(null)).toMatchObject({ line: '6.1', unsupported: false });
    expect(releaseOf('3.1.0')).toMatchObject({ line: '4.1', unsupported: true });
  });
});
