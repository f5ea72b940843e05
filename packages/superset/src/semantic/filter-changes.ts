// A dashboard's native filters, by their names and by the names of the charts and datasets they touch: "filter
// 'Country' added on column 'country' of dataset 'orders', applying to 'Total revenue' and 'Units sold'",
// "filter 'Region' default value changed", "filter 'Date' no longer applies to 'Orders'".
import type { Json } from '../bundle/yaml-text.ts';
import { DashboardNames, quoted } from './names.ts';
import { orderMoves } from './order-moves.ts';
import { asArray, asObject, same, show, words, type Value } from './values.ts';

const idOf = (filter: Json) => String(asObject(filter).id ?? asObject(filter).name ?? '');

/** "applying to 'A' and 'B'", "applying to no chart". */
export function scopeWords(charts: Json[], names: DashboardNames): string {
  return charts.length ? `applying to ${names.chartList(charts)}` : 'applying to no chart';
}

/** "now applies to 'A'", "no longer applies to 'B'"; one line each way. */
export function scopeChanges(
  subject: string,
  before: Json[],
  after: Json[],
  names: DashboardNames,
  verbs = ['now applies to', 'no longer applies to'],
): string[] {
  const keys = (list: Json[]) => list.map(String);
  const gained = after.filter((chart) => !keys(before).includes(String(chart)));
  const lost = before.filter((chart) => !keys(after).includes(String(chart)));
  const lines: string[] = [];
  if (gained.length) lines.push(`${subject} ${verbs[0]} ${names.chartList(gained)}`);
  if (lost.length) lines.push(`${subject} ${verbs[1]} ${names.chartList(lost)}`);
  return lines;
}

/** "column 'country' of dataset 'orders'"; a time filter has no column. */
function targetWords(filter: Value, names: DashboardNames): string {
  const targets = asArray(filter.targets)
    .map(asObject)
    .filter((target) => Object.keys(target).length);
  return targets
    .map((target) => {
      const column = asObject(target.column).name;
      const dataset = names.dataset(target.datasetUuid);
      return typeof column === 'string' ? `column ${quoted(column)} of ${dataset}` : dataset;
    })
    .join(', ');
}

/** The value a filter starts with, when it is a plain one: "'EU', 'US'", "Last week". */
function defaultValue(filter: Value): string {
  const value = asObject(asObject(filter.defaultDataMask).filterState).value;
  if (value === undefined || value === null) return 'none';
  return Array.isArray(value) ? value.map((item) => show(item)).join(', ') : show(value);
}

const FILTER_FIELDS = new Set([
  'id',
  'name',
  'targets',
  'chartsInScope',
  'scope',
  'defaultDataMask',
  'controlValues',
  'type',
]);

function filterEdits(
  old: Value,
  now: Value,
  names: DashboardNames,
  filterNames: Map<string, string>,
): string[] {
  const label = `filter ${quoted(String(now.name ?? '?'))}`;
  const lines: string[] = [];
  if (!same(old.name, now.name))
    lines.push(`filter ${quoted(String(old.name ?? '?'))} renamed to ${quoted(String(now.name ?? '?'))}`);
  if (!same(old.targets, now.targets))
    lines.push(`${label} now on ${targetWords(now, names) || 'no column'}`);
  const [inOld, inNow] = [asArray(old.chartsInScope), asArray(now.chartsInScope)];
  lines.push(...scopeChanges(label, inOld, inNow, names));
  // The scope (tabs and exclusions) is what the editor sets; chartsInScope follows it. Said on its own only
  // when the charts it reaches did not change.
  if (same(inOld, inNow) && !same(old.scope, now.scope)) lines.push(`${label} scope changed`);
  if (!same(old.defaultDataMask, now.defaultDataMask)) {
    const [a, b] = [defaultValue(old), defaultValue(now)];
    lines.push(a === b ? `${label} default value changed` : `${label} default value changed ${a} → ${b}`);
  }
  const [oldControls, nowControls] = [asObject(old.controlValues), asObject(now.controlValues)];
  for (const key of [...new Set([...Object.keys(oldControls), ...Object.keys(nowControls)])].sort())
    if (!same(oldControls[key], nowControls[key]))
      lines.push(`${label} option ${words(key)} ${show(oldControls[key])} → ${show(nowControls[key])}`);
  for (const key of [...new Set([...Object.keys(old), ...Object.keys(now)])].sort()) {
    if (FILTER_FIELDS.has(key) || same(old[key], now[key])) continue;
    if (key === 'cascadeParentIds') {
      const parents = asArray(now.cascadeParentIds).map(
        (id) => `filter ${quoted(filterNames.get(String(id)) ?? 'unnamed')}`,
      );
      lines.push(
        parents.length
          ? `${label} now depends on ${parents.join(', ')}`
          : `${label} no longer depends on another filter`,
      );
    } else if (key === 'tabsInScope') lines.push(`${label} tabs in scope changed`);
    else {
      const scalar = (v: Json | undefined) => v === undefined || v === null || typeof v !== 'object';
      lines.push(
        scalar(old[key]) && scalar(now[key])
          ? `${label} ${words(key)} ${show(old[key])} → ${show(now[key])}`
          : `${label} ${words(key)} changed`,
      );
    }
  }
  return lines;
}

export function nativeFilterChanges(
  before: Json | undefined,
  after: Json | undefined,
  names: DashboardNames,
): string[] {
  const [oldList, newList] = [asArray(before).map(asObject), asArray(after).map(asObject)];
  const older = new Map(oldList.map((filter) => [idOf(filter), filter]));
  const newer = new Map(newList.map((filter) => [idOf(filter), filter]));
  const filterNames = new Map(
    [...oldList, ...newList].map((filter) => [idOf(filter), String(filter.name ?? '')]),
  );
  const nameOf = (id: string) => `filter ${quoted(filterNames.get(id) || 'unnamed')}`;
  const lines: string[] = [];
  for (const [id, filter] of newer) {
    if (older.has(id)) continue;
    const kind = filter.type === 'DIVIDER' ? 'section' : 'filter';
    const on = targetWords(filter, names);
    lines.push(
      `${kind} ${quoted(String(filter.name ?? filter.title ?? 'unnamed'))} added${on ? ` on ${on}` : ''}, ${scopeWords(asArray(filter.chartsInScope), names)}`,
    );
  }
  for (const [id, filter] of older)
    if (!newer.has(id))
      lines.push(
        `${filter.type === 'DIVIDER' ? 'section' : 'filter'} ${quoted(String(filter.name ?? filter.title ?? 'unnamed'))} removed`,
      );
  for (const [id, filter] of newer) {
    const was = older.get(id);
    if (was && !same(was, filter)) lines.push(...filterEdits(was, filter, names, filterNames));
  }
  for (const move of orderMoves([...older.keys()], [...newer.keys()]))
    lines.push(
      `${nameOf(move.key)} moved ${move.before ? 'before' : 'after'} ${nameOf(move.before ?? move.after!)}`,
    );
  return lines;
}
