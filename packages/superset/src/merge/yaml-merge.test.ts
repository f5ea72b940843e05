// Two people editing one dashboard's files: edits to different fields, layout nodes, filters or list items merge
// by themselves; the same field changed two ways is one named conflict with markers around that field only.
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { toYaml, type Json } from '../bundle/yaml-text.ts';
import { mergeYamlFile, valueText } from './yaml-merge.ts';

type Obj = { [key: string]: Json };
const CHART_UUID = '2d197a0b-1111-4000-8000-000000000001';
const chart = (over: Obj = {}): Obj => ({
  slice_name: 'Units sold',
  uuid: CHART_UUID,
  cache_timeout: null,
  viz_type: 'big_number_total',
  params: { color_scheme: 'supersetColors', metric: 'count', annotation_layers: [] },
  ...over,
});
const PATH = 'charts/units-sold--2d197a0b.yaml';

function merge3(base: Obj | null, mine: Obj, theirs: Obj, path = PATH) {
  const result = mergeYamlFile({
    path,
    base: base && toYaml(base),
    mine: toYaml(mine),
    theirs: toYaml(theirs),
  });
  if (result.kind !== 'merged') throw new Error(`not merged: ${result.reason}`);
  return result;
}
const parsed = (text: string) => load(text) as Obj;

describe('structural merge of one chart file', () => {
  it('takes the title from one side and the cache timeout from the other', () => {
    const result = merge3(chart(), chart({ slice_name: 'Units sold (EU)' }), chart({ cache_timeout: 600 }));
    expect(result.conflicts).toEqual([]);
    expect(result.text).toBe(toYaml(chart({ slice_name: 'Units sold (EU)', cache_timeout: 600 })));
  });

  it('merges nested params key by key', () => {
    const mine = chart({ params: { ...(chart().params as Obj), color_scheme: 'bnbColors' } });
    const theirs = chart({ params: { ...(chart().params as Obj), metric: 'sum__units', row_limit: 10 } });
    const result = merge3(chart(), mine, theirs);
    expect(result.conflicts).toEqual([]);
    expect(parsed(result.text).params).toEqual({
      color_scheme: 'bnbColors',
      metric: 'sum__units',
      row_limit: 10,
      annotation_layers: [],
    });
  });

  it('reports the same field changed two ways as one conflict naming the chart, with markers around it only', () => {
    const result = merge3(
      chart({ cache_timeout: 100 }),
      chart({ cache_timeout: 300, slice_name: 'Units' }),
      chart({ cache_timeout: 600 }),
    );
    expect(result.object).toEqual({ type: 'chart', uuid: CHART_UUID, name: 'Units' });
    expect(result.conflicts).toEqual([{ path: 'cache_timeout', base: 100, mine: 300, theirs: 600 }]);
    expect(result.text).toContain(
      '<<<<<<< mine\ncache_timeout: 300\n=======\ncache_timeout: 600\n>>>>>>> theirs\n',
    );
    // Everything else is merged: one marker block, the other side's title taken.
    expect(result.text.match(/<<<<<<</g)).toHaveLength(1);
    expect(result.text).toContain('slice_name: Units\n');
  });

  it('indents a nested conflicting field where it sits, and either side of it parses', () => {
    const result = merge3(
      chart(),
      chart({ params: { ...(chart().params as Obj), color_scheme: 'bnbColors' } }),
      chart({ params: { ...(chart().params as Obj), color_scheme: 'googleCategory10c' } }),
    );
    expect(result.conflicts.map((conflict) => conflict.path)).toEqual(['params.color_scheme']);
    expect(result.text).toContain(
      '<<<<<<< mine\n  color_scheme: bnbColors\n=======\n  color_scheme: googleCategory10c\n>>>>>>> theirs\n',
    );
    const keepMine = result.text
      .replace(/=======\n[\s\S]*?>>>>>>> theirs\n/, '')
      .replace('<<<<<<< mine\n', '');
    expect((parsed(keepMine).params as Obj).color_scheme).toBe('bnbColors');
  });

  it('writes a conflicting map value as a block under its key', () => {
    const result = merge3(
      chart({ query_context: null }),
      chart({ query_context: { a: 1 } }),
      chart({ query_context: { a: 2, b: [1, 2] } }),
    );
    expect(result.conflicts.map((conflict) => conflict.path)).toEqual(['query_context']);
    expect(result.text).toContain(
      '<<<<<<< mine\nquery_context:\n  a: 1\n=======\nquery_context:\n  a: 2\n  b:\n    - 1\n    - 2\n>>>>>>> theirs\n',
    );
    const both = merge3(chart(), chart({ extra: [{ a: 1 }] }), chart({ extra: [{ a: 2 }] }));
    expect(both.conflicts.map((conflict) => conflict.path)).toEqual(['extra']);
    expect(both.text).toContain(
      '<<<<<<< mine\nextra:\n  - a: 1\n=======\nextra:\n  - a: 2\n>>>>>>> theirs\n',
    );
  });

  it('calls a field removed on one side and changed on the other a conflict, the removal shown as nothing', () => {
    const base = chart({ description: 'old' });
    const mine = chart();
    const result = merge3(base, mine, chart({ description: 'new' }));
    expect(result.conflicts).toEqual([{ path: 'description', base: 'old', mine: undefined, theirs: 'new' }]);
    expect(result.text).toContain('<<<<<<< mine\n=======\ndescription: new\n>>>>>>> theirs\n');
    expect(valueText(result.conflicts[0]!.mine)).toBeNull();
  });

  it('keeps additions and removals of either side', () => {
    const base = chart({ description: 'old', owners: [] });
    const mine = chart({ owners: [], certified_by: 'Ann' });
    const theirs = chart({ description: 'old', extra_field: 1 });
    const result = merge3(base, mine, theirs);
    expect(result.conflicts).toEqual([]);
    const value = parsed(result.text);
    expect(value).not.toHaveProperty('description');
    expect(value).not.toHaveProperty('owners');
    expect(value).toMatchObject({ certified_by: 'Ann', extra_field: 1 });
  });

  it('settles conflicts with the choices given: a side or a value of ones own', () => {
    const input = {
      path: PATH,
      base: toYaml(chart({ cache_timeout: 100, description: 'a' })),
      mine: toYaml(chart({ cache_timeout: 300, description: 'b' })),
      theirs: toYaml(chart({ cache_timeout: 600, description: 'c' })),
    };
    const result = mergeYamlFile({
      ...input,
      choices: new Map([
        ['cache_timeout', { side: 'theirs' as const }],
        ['description', { value: 'd' }],
      ]),
    });
    expect(result).toMatchObject({ kind: 'merged', conflicts: [] });
    expect(result.kind === 'merged' && result.text).toBe(
      toYaml(chart({ cache_timeout: 600, description: 'd' })),
    );
  });
});

const position = (over: Obj = {}): Obj => ({
  DASHBOARD_VERSION_KEY: 'v2',
  ROOT_ID: { children: ['GRID_ID'], id: 'ROOT_ID', type: 'ROOT' },
  GRID_ID: { children: ['ROW-1', 'ROW-2'], id: 'GRID_ID', parents: ['ROOT_ID'], type: 'GRID' },
  'ROW-1': { children: ['CHART-a', 'CHART-b'], id: 'ROW-1', parents: ['ROOT_ID', 'GRID_ID'], type: 'ROW' },
  'ROW-2': { children: ['CHART-c'], id: 'ROW-2', parents: ['ROOT_ID', 'GRID_ID'], type: 'ROW' },
  'CHART-a': { children: [], id: 'CHART-a', meta: { width: 4, height: 50 }, type: 'CHART' },
  'CHART-b': { children: [], id: 'CHART-b', meta: { width: 4, height: 50 }, type: 'CHART' },
  'CHART-c': { children: [], id: 'CHART-c', meta: { width: 4, height: 50 }, type: 'CHART' },
  ...over,
});
const filter = (id: string, name: string, scope: string[] = []): Obj => ({
  id,
  name,
  filterType: 'filter_select',
  chartsInScope: scope,
});
const UUID_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const UUID_B = 'bbbbbbbb-0000-4000-8000-000000000002';
const UUID_C = 'cccccccc-0000-4000-8000-000000000003';
const dashboard = (over: Obj = {}, metadata: Obj = {}): Obj => ({
  dashboard_title: 'Sales',
  uuid: 'dddddddd-0000-4000-8000-000000000004',
  position: position(),
  metadata: {
    native_filter_configuration: [filter('NATIVE_FILTER-1', 'Region'), filter('NATIVE_FILTER-2', 'Year')],
    expanded_slices: {},
    ...metadata,
  },
  ...over,
});
const node = (id: string, over: Obj): Obj => ({ ...(position()[id] as Obj), ...over });

describe('structural merge of the dashboard', () => {
  it('merges different layout nodes changed on each side', () => {
    const mine = dashboard({
      position: position({ 'CHART-a': node('CHART-a', { meta: { width: 6, height: 50 } }) }),
    });
    const theirs = dashboard({
      position: position({ 'CHART-c': node('CHART-c', { meta: { width: 4, height: 80 } }) }),
    });
    const result = merge3(dashboard(), mine, theirs, 'dashboard.yaml');
    expect(result.conflicts).toEqual([]);
    const merged = parsed(result.text).position as Obj;
    expect((merged['CHART-a'] as Obj).meta).toEqual({ width: 6, height: 50 });
    expect((merged['CHART-c'] as Obj).meta).toEqual({ width: 4, height: 80 });
    expect(result.object).toMatchObject({ type: 'dashboard', name: 'Sales' });
  });

  it('merges two charts added to one row at different places, keeping the order of each side', () => {
    const added = (id: string) => ({ [id]: { children: [], id, meta: { width: 2 }, type: 'CHART' } });
    const mine = dashboard({
      position: position({
        ...added('CHART-m'),
        'ROW-1': node('ROW-1', { children: ['CHART-m', 'CHART-a', 'CHART-b'] }),
      }),
    });
    const theirs = dashboard({
      position: position({
        ...added('CHART-t'),
        'ROW-1': node('ROW-1', { children: ['CHART-a', 'CHART-b', 'CHART-t'] }),
      }),
    });
    const result = merge3(dashboard(), mine, theirs, 'dashboard.yaml');
    expect(result.conflicts).toEqual([]);
    const merged = parsed(result.text).position as Obj;
    expect((merged['ROW-1'] as Obj).children).toEqual(['CHART-m', 'CHART-a', 'CHART-b', 'CHART-t']);
    expect(merged).toHaveProperty('CHART-m');
    expect(merged).toHaveProperty('CHART-t');
  });

  it('takes a reorder from one side and a removal from the other', () => {
    const mine = dashboard({
      position: position({ 'ROW-1': node('ROW-1', { children: ['CHART-b', 'CHART-a'] }) }),
    });
    const theirsPosition = position({ 'ROW-2': node('ROW-2', { children: [] }) });
    delete theirsPosition['CHART-c'];
    const result = merge3(dashboard(), mine, dashboard({ position: theirsPosition }), 'dashboard.yaml');
    expect(result.conflicts).toEqual([]);
    const merged = parsed(result.text).position as Obj;
    expect((merged['ROW-1'] as Obj).children).toEqual(['CHART-b', 'CHART-a']);
    expect((merged['ROW-2'] as Obj).children).toEqual([]);
    expect(merged).not.toHaveProperty('CHART-c');
  });

  it('calls one row reordered two different ways a conflict on that row only', () => {
    const three = ['CHART-a', 'CHART-b', 'CHART-c'];
    const base = dashboard({ position: position({ 'ROW-1': node('ROW-1', { children: three }) }) });
    const mine = dashboard({
      position: position({ 'ROW-1': node('ROW-1', { children: ['CHART-c', 'CHART-a', 'CHART-b'] }) }),
    });
    const theirs = dashboard({
      position: position({ 'ROW-1': node('ROW-1', { children: ['CHART-b', 'CHART-a', 'CHART-c'] }) }),
    });
    const result = merge3(base, mine, theirs, 'dashboard.yaml');
    expect(result.conflicts.map((conflict) => conflict.path)).toEqual(['position.ROW-1.children']);
  });

  it('merges native filters by id: one renamed, one added, one removed', () => {
    const base = dashboard();
    const mine = dashboard(
      {},
      {
        native_filter_configuration: [
          filter('NATIVE_FILTER-1', 'Sales region'),
          filter('NATIVE_FILTER-2', 'Year'),
        ],
      },
    );
    const theirs = dashboard(
      {},
      {
        native_filter_configuration: [
          filter('NATIVE_FILTER-1', 'Region'),
          filter('NATIVE_FILTER-3', 'Country'),
        ],
      },
    );
    const result = merge3(base, mine, theirs, 'dashboard.yaml');
    expect(result.conflicts).toEqual([]);
    const filters = (parsed(result.text).metadata as Obj).native_filter_configuration as Obj[];
    expect(filters.map((item) => [item.id, item.name])).toEqual([
      ['NATIVE_FILTER-1', 'Sales region'],
      ['NATIVE_FILTER-3', 'Country'],
    ]);
  });

  it('merges the charts in a filter scope as a set', () => {
    const scoped = (scope: string[]) =>
      dashboard({}, { native_filter_configuration: [filter('NATIVE_FILTER-1', 'Region', scope)] });
    const result = merge3(
      scoped([UUID_A, UUID_B]),
      scoped([UUID_A, UUID_B, UUID_C]),
      scoped([UUID_B]),
      'dashboard.yaml',
    );
    expect(result.conflicts).toEqual([]);
    const [merged] = (parsed(result.text).metadata as Obj).native_filter_configuration as Obj[];
    expect(merged!.chartsInScope).toEqual([UUID_B, UUID_C]);
  });

  it('names a filter renamed two ways by its id, with markers inside the list item', () => {
    const renamed = (name: string) =>
      dashboard(
        {},
        { native_filter_configuration: [filter('NATIVE_FILTER-1', name), filter('NATIVE_FILTER-2', 'Year')] },
      );
    const result = merge3(dashboard(), renamed('Area'), renamed('Zone'), 'dashboard.yaml');
    expect(result.conflicts.map((conflict) => conflict.path)).toEqual([
      'metadata.native_filter_configuration[NATIVE_FILTER-1].name',
    ]);
    expect(result.text).toMatch(/<<<<<<< mine\n {6}name: Area\n=======\n {6}name: Zone\n>>>>>>> theirs\n/);
  });

  it('keeps a filter one side removed and the other changed, as a conflict', () => {
    const base = dashboard();
    const mine = dashboard({}, { native_filter_configuration: [filter('NATIVE_FILTER-2', 'Year')] });
    const theirs = dashboard(
      {},
      {
        native_filter_configuration: [filter('NATIVE_FILTER-1', 'Area'), filter('NATIVE_FILTER-2', 'Year')],
      },
    );
    const result = merge3(base, mine, theirs, 'dashboard.yaml');
    expect(result.conflicts.map((conflict) => conflict.path)).toEqual([
      'metadata.native_filter_configuration[NATIVE_FILTER-1]',
    ]);
    expect(result.text).toContain('>>>>>>> theirs');
    expect(result.text).toMatch(
      /=======\n {4}- chartsInScope: \[\]\n {6}filterType: filter_select\n {6}id: NATIVE_FILTER-1\n/,
    );
  });
});

describe('files the structural merge leaves to a text merge', () => {
  it('does not touch a file that does not parse, nor one that is not YAML', () => {
    expect(
      mergeYamlFile({
        path: PATH,
        base: toYaml(chart()),
        mine: 'slice_name: [unclosed\n',
        theirs: toYaml(chart()),
      }),
    ).toMatchObject({ kind: 'text', reason: expect.stringMatching(/invalid YAML/) });
    expect(mergeYamlFile({ path: 'README.md', base: 'a', mine: 'b', theirs: 'c' })).toMatchObject({
      kind: 'text',
    });
    expect(mergeYamlFile({ path: PATH, base: 'a: 1\n', mine: null, theirs: 'a: 2\n' })).toMatchObject({
      kind: 'text',
    });
  });

  it('merges a file both sides added, field by field', () => {
    const result = merge3(null, chart({ description: 'x' }), chart({ certified_by: 'Ann' }));
    expect(result.conflicts).toEqual([]);
    expect(parsed(result.text)).toMatchObject({ description: 'x', certified_by: 'Ann' });
  });
});
