// The words a dashboard's layout edits get, on the layout every shape Superset's editor makes (rows, columns,
// nested tabs, markdown, headers), edited the way a person edits it in the editor.
import { describe, expect, it } from 'vitest';
import { bundleYaml, summarizeChange } from '@superset-git/superset';
import { everyLayoutShape, type PlacedChart } from '../compat/layout-shapes.ts';

const NAMES = [
  'Total revenue',
  'Units sold',
  'Orders',
  'Amount box plot',
  'Category gauge',
  'Country revenue bars',
  'Revenue treemap',
  'Orders by month',
  'Top products',
  'Top countries',
  'Revenue by country',
  'Orders by category',
];
const charts: PlacedChart[] = NAMES.map((name, index) => ({
  id: index + 1,
  uuid: `${String(index + 1).padStart(8, '0')}-0000-4000-8000-000000000000`,
  name,
}));
type Node = {
  type: string;
  id: string;
  children: string[];
  parents: string[];
  meta?: Record<string, unknown>;
};
type Position = Record<string, Node>;

/** A fresh copy of the layout, as a normalized dashboard.yaml would hold it (chart uuids, no chart ids). */
function layout(): Position {
  const position = structuredClone(everyLayoutShape('Sales', charts)) as unknown as Position;
  for (const node of Object.values(position)) if (node.type === 'CHART') delete node.meta!.chartId;
  return position;
}
const chartNode = (position: Position, name: string) =>
  Object.values(position).find((node) => node.type === 'CHART' && node.meta?.sliceName === name)!;
const dashboard = (position: Position, metadata: Record<string, unknown> = {}) =>
  bundleYaml({
    dashboard_title: 'Sales',
    uuid: 'dddddddd-0000-4000-8000-000000000000',
    metadata: { color_scheme: 'supersetColors', ...metadata },
    position: position as never,
  });
const words = (before: Position, after: Position) =>
  summarizeChange('dashboard.yaml', dashboard(before), dashboard(after));

/** Moves a node from its parent to `parent` at `index`, keeping `parents` true as the editor does. */
function move(position: Position, id: string, parentId: string, index: number) {
  const node = position[id]!;
  const from = position[node.parents.at(-1)!]!;
  from.children = from.children.filter((child) => child !== id);
  const to = position[parentId]!;
  to.children.splice(index, 0, id);
  node.parents = [...to.parents, to.id];
}

describe('layout edits in words', () => {
  it('a resize reads as the chart name with its old and new width and height', () => {
    const before = layout();
    const after = layout();
    chartNode(after, 'Total revenue').meta!.width = 6;
    chartNode(after, 'Total revenue').meta!.height = 60;
    expect(words(before, after)).toEqual(["'Total revenue' width 3 → 6", "'Total revenue' height 50 → 60"]);
  });

  it('a chart dragged within its row reads as moved before its new neighbour', () => {
    const before = layout();
    const after = layout();
    const row = after['ROW-wq8sJ2nL4d']!;
    const units = chartNode(after, 'Units sold').id;
    move(after, units, row.id, 0);
    expect(words(before, after)).toEqual(["'Units sold' moved before 'Total revenue'"]);
  });

  it('a chart dragged into another row, or into a tab, names the row and the tab', () => {
    const before = layout();
    const after = layout();
    move(after, chartNode(after, 'Units sold').id, 'ROW-Mn5bV8cX1z', 1);
    move(after, chartNode(after, 'Orders').id, 'ROW-Pl0oK9iJ8u', 0);
    expect(words(before, after)).toEqual([
      "'Units sold' moved to row 3",
      "'Orders' moved to row 1 of tab 'Trends'",
    ]);
  });

  it('a new tab, a renamed tab, edited markdown and a chart taken off the layout', () => {
    const before = layout();
    const after = layout();
    after['TAB-NEW']! = {
      type: 'TAB',
      id: 'TAB-NEW',
      children: [],
      parents: ['ROOT_ID', 'GRID_ID', 'TABS-Fg7hJ1kL3z'],
      meta: { text: 'EMEA', defaultText: 'Tab title', placeholder: 'Tab title' },
    };
    after['TABS-Fg7hJ1kL3z']!.children.push('TAB-NEW');
    after['TAB-Xc5vB7nM9q']!.meta!.text = 'Summary';
    after['MARKDOWN-Lp0sQ8mZ1c']!.meta!.code = '## Notes\n\nFigures in USD.';
    const gone = chartNode(after, 'Revenue treemap');
    after[gone.parents.at(-1)!]!.children = after[gone.parents.at(-1)!]!.children.filter(
      (id) => id !== gone.id,
    );
    delete after[gone.id];
    expect(words(before, after)).toEqual([
      "tab 'EMEA' added",
      "chart 'Revenue treemap' removed from the layout",
      "markdown 'Notes' text changed",
      "tab 'Trends' renamed to 'Summary'",
    ]);
  });

  it('a chart whose layout entry has no name is named from the repository, or as an unnamed chart', () => {
    const before = layout();
    const after = layout();
    for (const position of [before, after]) delete chartNode(position, 'Orders').meta!.sliceName;
    const orders = Object.values(after).find((node) => node.meta?.uuid === charts[2]!.uuid)!;
    orders.meta!.width = 8;
    const text = [dashboard(before), dashboard(after)] as const;
    expect(
      summarizeChange('dashboard.yaml', ...text, (uuid) => (uuid === charts[2]!.uuid ? 'Orders' : null)),
    ).toEqual(["'Orders' width 6 → 8"]);
    expect(summarizeChange('dashboard.yaml', ...text)).toEqual(['an unnamed chart width 6 → 8']);
  });

  it('every change gets its own line, however many there are; no raw ids appear', () => {
    const before = layout();
    const after = layout();
    for (const node of Object.values(after)) if (node.type === 'CHART') node.meta!.height = 80;
    const lines = words(before, after);
    expect(lines).toHaveLength(12);
    expect(lines.join('\n')).not.toMatch(/CHART-|ROW-|TAB-|[0-9a-f]{8}-0000/);
  });
});

describe('layout edits of containers and titles in words', () => {
  it('a chart dropped straight into a tab reads "moved into tab"', () => {
    const before = layout();
    const after = layout();
    move(after, chartNode(after, 'Units sold').id, 'TAB-Vb8nM7jK6h', 0);
    expect(words(before, after)).toEqual(["'Units sold' moved into tab 'Products'"]);
  });

  it('a row moved reads by the charts, headers and markdown it holds, not by its number', () => {
    const before = layout();
    const after = layout();
    const grid = after['GRID_ID']!;
    const rows = grid.children.filter((id) => after[id]!.type === 'ROW');
    move(after, rows[1]!, 'GRID_ID', grid.children.indexOf(rows[0]!));
    expect(words(before, after)).toEqual([
      "the row with 'Orders', 'Amount box plot', header 'By region' and 1 more moved before the row with 'Total revenue', 'Units sold' and markdown 'Notes'",
    ]);
  });

  it('a chart renamed, and a title set on this dashboard only, say so apart', () => {
    const before = layout();
    const after = layout();
    chartNode(after, 'Orders').meta!.sliceName = 'All orders';
    chartNode(after, 'Units sold').meta!.sliceNameOverride = 'Units';
    expect(words(before, after)).toEqual([
      "'Units sold' shown on this dashboard as 'Units'",
      "chart 'Orders' renamed to 'All orders'",
    ]);
  });
});
