// A dashboard layout's edits as a person sees them on the dashboard: "'Total revenue' width 4 → 6", "'Units
// sold' moved before 'Orders'", "'Units sold' moved to row 2", "tab 'EMEA' added", "tab 'Overview' renamed to
// 'Summary'". Nodes are matched by id (charts by uuid, so a chart dragged out and back in is the same chart) and
// named by the chart, markdown, header or tab text, never by their ids.
import type { Json } from '../bundle/yaml-text.ts';
import { DashboardNames, joinNames, quoted } from './names.ts';
import { orderMoves } from './order-moves.ts';
import { asArray, asObject, plain, same, show, words, type Value } from './values.ts';

interface LayoutNode {
  key: string;
  type: string;
  meta: Value;
  children: string[];
  parent: string | null;
}

type Layout = Map<string, LayoutNode>;

/** A chart's key is its uuid: its node id changes when it is dragged off the dashboard and back. */
function readLayout(position: Json | undefined): Layout {
  // HEADER_ID holds the dashboard's title, which the summary already says as a rename.
  const nodes = Object.entries(asObject(position)).filter(
    ([id, node]) => id !== 'HEADER_ID' && typeof asObject(node).type === 'string',
  );
  const keyOf = new Map<string, string>();
  for (const [id, node] of nodes) {
    const value = asObject(node);
    const uuid = asObject(value.meta).uuid;
    keyOf.set(id, value.type === 'CHART' && typeof uuid === 'string' ? `chart:${uuid}` : id);
  }
  const layout: Layout = new Map();
  for (const [id, node] of nodes) {
    const value = asObject(node);
    layout.set(keyOf.get(id)!, {
      key: keyOf.get(id)!,
      type: String(value.type),
      meta: asObject(value.meta),
      children: asArray(value.children).map((child) => keyOf.get(String(child)) ?? String(child)),
      parent: null,
    });
  }
  for (const node of layout.values())
    for (const child of node.children) {
      const held = layout.get(child);
      if (held) held.parent = node.key;
    }
  return layout;
}

const firstLine = (text: Json | undefined) =>
  plain(
    String(text ?? '')
      .split('\n')
      .map((line) => line.replace(/^[#>*\-\s]+/, '').trim())
      .find((line) => line) ?? '',
  );

/** What a node is called in a line, as seen on the dashboard. */
class LayoutWords {
  constructor(
    private readonly layout: Layout,
    private readonly names: DashboardNames,
  ) {}

  label(key: string): string {
    const node = this.layout.get(key);
    if (!node) return 'an element';
    const text = firstLine(node.meta.text);
    switch (node.type) {
      case 'CHART': {
        const own = node.meta.sliceNameOverride ?? node.meta.sliceName;
        return typeof own === 'string' && own ? quoted(own) : this.names.chart(node.meta.uuid);
      }
      case 'MARKDOWN': {
        const line = firstLine(node.meta.code);
        return line ? `markdown ${quoted(line)}` : 'an empty markdown';
      }
      case 'TAB':
        return text ? `tab ${quoted(text)}` : 'an untitled tab';
      case 'HEADER':
        return text ? `header ${quoted(text)}` : 'an empty header';
      case 'DIVIDER':
        return 'a divider';
      case 'TABS':
        return `the tabs ${joinNames(node.children.map((child) => this.label(child)).map(bare))}`.trim();
      case 'ROW':
      case 'COLUMN':
        return this.place(key);
      default:
        return node.type.toLowerCase();
    }
  }

  /**
   * A node as the subject of a move or a resize: a row or column by what it holds ("the row with 'A' and 'B'"),
   * since its number is what the move changes; anything else by its label.
   */
  subject(key: string): string {
    const node = this.layout.get(key);
    if (!node || (node.type !== 'ROW' && node.type !== 'COLUMN')) return this.label(key);
    const held = this.leaves(key);
    const names = held.length > 3 ? [...held.slice(0, 3), `${held.length - 3} more`] : held;
    return held.length ? `the ${node.type.toLowerCase()} with ${joinNames(names)}` : this.label(key);
  }

  /** What a row or column shows, through the columns and rows inside it. */
  private leaves(key: string): string[] {
    return (this.layout.get(key)?.children ?? []).flatMap((child) => {
      const type = this.layout.get(child)?.type;
      return type === 'ROW' || type === 'COLUMN' ? this.leaves(child) : [this.label(child)];
    });
  }

  /** Where a node sits, for a container: "row 2", "row 1 of tab 'EMEA'", "column 1 of row 2". */
  place(key: string): string {
    const node = this.layout.get(key);
    if (!node) return 'the dashboard';
    const parent = node.parent ? this.layout.get(node.parent) : undefined;
    const siblings = parent?.children.filter((child) => this.layout.get(child)?.type === node.type) ?? [key];
    const number = siblings.indexOf(key) + 1;
    const within = !parent || parent.type === 'GRID' || parent.type === 'ROOT' ? '' : this.of(parent.key);
    switch (node.type) {
      case 'ROW':
        return `row ${number}${within}`;
      case 'COLUMN':
        return `column ${number}${within}`;
      case 'TAB':
        return `tab ${quoted(firstLine(node.meta.text) || 'untitled')}`;
      case 'GRID':
      case 'ROOT':
        return 'the top level';
      default:
        return this.label(key);
    }
  }

  private of(key: string): string {
    const node = this.layout.get(key);
    return node?.type === 'TABS' ? '' : ` of ${this.place(key)}`;
  }

  /** "to row 2", "into tab 'EMEA'". */
  destination(key: string): string {
    const node = this.layout.get(key);
    if (!node || node.type === 'GRID' || node.type === 'ROOT') return 'to the top level';
    return node.type === 'TAB' ? `into ${this.place(key)}` : `to ${this.place(key)}`;
  }
}

const bare = (label: string) => label.replace(/^tab /, '');

/** "chart 'X' added to the layout", "tab 'EMEA' added", "row 3 removed". */
const added = (node: LayoutNode, words: LayoutWords, verb: 'added' | 'removed') =>
  node.type === 'CHART'
    ? `chart ${words.label(node.key)} ${verb === 'added' ? 'added to' : 'removed from'} the layout`
    : `${words.label(node.key)} ${verb}`;

const names = (name: Json | undefined) =>
  typeof name === 'string' && name ? quoted(name) : 'an unnamed chart';

const SIZE_KEYS = ['width', 'height'];
/** Meta that names or links rather than lays out: said elsewhere (names) or not a person's edit (ids). */
const IDENTITY_KEYS = [
  'uuid',
  'chartId',
  'sliceName',
  'sliceNameOverride',
  'text',
  'code',
  'defaultText',
  'placeholder',
];

function metaLines(key: string, old: LayoutNode, now: LayoutNode, before: LayoutWords, after: LayoutWords) {
  const lines: string[] = [];
  const label = after.subject(key);
  const [a, b] = [old.meta, now.meta];
  // sliceName follows the chart's own name; sliceNameOverride is a title set on this dashboard only.
  if (now.type === 'CHART' && !same(a.sliceName, b.sliceName) && typeof b.sliceName === 'string')
    lines.push(`chart ${quoted(String(a.sliceName ?? '?'))} renamed to ${quoted(b.sliceName)}`);
  if (now.type === 'CHART' && !same(a.sliceNameOverride, b.sliceNameOverride))
    lines.push(
      typeof b.sliceNameOverride === 'string' && b.sliceNameOverride
        ? `${names(b.sliceName)} shown on this dashboard as ${quoted(b.sliceNameOverride)}`
        : `${names(b.sliceName)} shown by its own name again`,
    );
  if (now.type === 'TAB' && !same(a.text, b.text))
    lines.push(`${before.label(key)} renamed to ${quoted(firstLine(b.text) || 'untitled')}`);
  if (now.type === 'HEADER' && !same(a.text, b.text))
    lines.push(`${before.label(key)} renamed to ${quoted(firstLine(b.text))}`);
  if (now.type === 'MARKDOWN' && !same(a.code, b.code)) lines.push(`${before.label(key)} text changed`);
  for (const size of SIZE_KEYS)
    if (!same(a[size], b[size])) lines.push(`${label} ${size} ${show(a[size])} → ${show(b[size])}`);
  const rest = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const name of rest) {
    if (SIZE_KEYS.includes(name) || IDENTITY_KEYS.includes(name) || same(a[name], b[name])) continue;
    const scalar = (v: Json | undefined) => v === undefined || v === null || typeof v !== 'object';
    lines.push(
      scalar(a[name]) && scalar(b[name])
        ? `${label} ${words(name)} ${show(a[name])} → ${show(b[name])}`
        : `${label} ${words(name)} changed`,
    );
  }
  return lines;
}

/** Every layout edit between two `position` trees, in the order of the new layout. */
export function layoutChanges(
  beforePosition: Json | undefined,
  afterPosition: Json | undefined,
  names: DashboardNames,
): string[] {
  const old = readLayout(beforePosition);
  const now = readLayout(afterPosition);
  const before = new LayoutWords(old, names);
  const after = new LayoutWords(now, names);
  const lines: string[] = [];
  const structural = (node: LayoutNode) => node.type === 'ROOT' || node.type === 'GRID';

  for (const node of now.values())
    if (!old.has(node.key) && !structural(node)) lines.push(added(node, after, 'added'));
  for (const node of old.values())
    if (!now.has(node.key) && !structural(node)) lines.push(added(node, before, 'removed'));

  for (const node of now.values()) {
    const was = old.get(node.key);
    if (!was) continue;
    if (was.parent !== node.parent && node.parent && !structural(node))
      lines.push(`${after.subject(node.key)} moved ${after.destination(node.parent)}`);
    lines.push(...metaLines(node.key, was, node, before, after));
    for (const move of orderMoves(was.children, node.children)) {
      const anchor = move.before ?? move.after!;
      lines.push(
        `${after.subject(move.key)} moved ${move.before ? 'before' : 'after'} ${after.subject(anchor)}`,
      );
    }
  }
  // Anything else (a key outside the nodes, such as the layout version) still gets a line.
  for (const key of new Set([
    ...Object.keys(asObject(beforePosition)),
    ...Object.keys(asObject(afterPosition)),
  ])) {
    const [a, b] = [asObject(beforePosition)[key], asObject(afterPosition)[key]];
    if (typeof asObject(a).type === 'string' || typeof asObject(b).type === 'string' || same(a, b)) continue;
    lines.push(`layout ${words(key)} ${show(a)} → ${show(b)}`);
  }
  return lines;
}
