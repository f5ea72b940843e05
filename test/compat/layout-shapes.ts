// A dashboard layout with every shape Superset's editor makes, in the editor's own format (v2 position JSON): rows
// in the grid, columns inside rows, tabs inside tabs, headers, markdown, dividers, and charts in each kind of
// container, plus a row carrying the `{"0": "ROOT_ID"}` meta that an imported row keeps.
export interface PlacedChart {
  id: number;
  uuid: string;
  name: string;
}

type Node = {
  type: string;
  id: string;
  children: string[];
  parents: string[];
  meta?: Record<string, unknown>;
};

export function everyLayoutShape(title: string, charts: PlacedChart[]): Record<string, unknown> {
  if (charts.length < 12) throw new Error('the layout places 12 charts');
  const nodes: Record<string, Node> = {};
  const add = (type: string, id: string, parent: Node | null, meta?: Record<string, unknown>): Node => {
    const node: Node = {
      type,
      id,
      children: [],
      parents: parent ? [...parent.parents, parent.id] : [],
      ...(meta ? { meta } : {}),
    };
    nodes[id] = node;
    parent?.children.push(id);
    return node;
  };
  let next = 0;
  const chart = (parent: Node, width = 4) => {
    const placed = charts[next++]!;
    return add('CHART', `CHART-${placed.uuid.slice(0, 6)}x${next}`, parent, {
      chartId: placed.id,
      height: 50,
      sliceName: placed.name,
      uuid: placed.uuid,
      width,
    });
  };
  const transparent = { background: 'BACKGROUND_TRANSPARENT' };
  /** A tab as the editor makes it: its title, and the placeholder the editor shows while it is empty. */
  const tab = (id: string, parent: Node, text: string) =>
    add('TAB', id, parent, { text, defaultText: 'Tab title', placeholder: 'Tab title' });

  const root = add('ROOT', 'ROOT_ID', null);
  const grid = add('GRID', 'GRID_ID', root);
  add('HEADER', 'HEADER-aX2kP9qLm0', grid, { text: 'Overview', headerSize: 'LARGE_HEADER', ...transparent });
  const first = add('ROW', 'ROW-wq8sJ2nL4d', grid, transparent);
  chart(first, 3);
  chart(first, 5);
  add('MARKDOWN', 'MARKDOWN-Lp0sQ8mZ1c', first, {
    width: 4,
    height: 50,
    code: '## Notes\n\nFigures in EUR.',
  });
  const withColumns = add('ROW', 'ROW-Tq4mV7bN2x', grid, transparent);
  const left = add('COLUMN', 'COLUMN-Hs7dK1pR6y', withColumns, { width: 6, ...transparent });
  chart(left, 6);
  chart(left, 6);
  const right = add('COLUMN', 'COLUMN-Zc3vB9nM5t', withColumns, { width: 6, background: 'BACKGROUND_WHITE' });
  add('HEADER', 'HEADER-Ry6uI2oP8w', right, {
    text: 'By region',
    headerSize: 'SMALL_HEADER',
    ...transparent,
  });
  chart(right, 6);
  add('DIVIDER', 'DIVIDER-Ks9lJ3hG7f', grid);
  // A row that went through an import once: Superset's own importer leaves this meta on it.
  const imported = add('ROW', 'ROW-Mn5bV8cX1z', grid, { '0': 'ROOT_ID', ...transparent });
  const inImported = add('COLUMN', 'COLUMN-Qw2eR4tY6u', imported, { width: 8, ...transparent });
  chart(inImported, 8);
  chart(imported, 4);
  const tabs = add('TABS', 'TABS-Fg7hJ1kL3z', grid, {});
  const tabA = tab('TAB-Xc5vB7nM9q', tabs, 'Trends');
  const tabRow = add('ROW', 'ROW-Pl0oK9iJ8u', tabA, transparent);
  chart(tabRow, 6);
  chart(tabRow, 6);
  const tabB = tab('TAB-Hy6tG5rF4e', tabs, 'Detail');
  const nested = add('TABS', 'TABS-Dw3sA2qZ1x', tabB, {});
  const inner1 = tab('TAB-Vb8nM7jK6h', nested, 'Products');
  const innerRow = add('ROW', 'ROW-Cx4zL3kJ2g', inner1, transparent);
  const innerColumn = add('COLUMN', 'COLUMN-Bn9mN8bV7c', innerRow, { width: 12, ...transparent });
  chart(innerColumn, 12);
  add('MARKDOWN', 'MARKDOWN-Gf5dS4aQ3w', innerColumn, { width: 12, height: 20, code: '*Top sellers first*' });
  const inner2 = tab('TAB-Jh2gF1dS0a', nested, 'Countries');
  const lastRow = add('ROW', 'ROW-Nb7vC6xZ5l', inner2, transparent);
  while (next < charts.length) chart(lastRow, Math.max(1, Math.floor(12 / (charts.length - 11))));
  return {
    DASHBOARD_VERSION_KEY: 'v2',
    HEADER_ID: { id: 'HEADER_ID', type: 'HEADER', meta: { text: title } },
    ...nodes,
  };
}
