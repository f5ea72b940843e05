// A chart's edits: name, type, metrics, filters, dimensions, time range, and any other option by key.
import type { Json } from '../bundle/yaml-text.ts';
import { asArray, asObject, listChanges, otherKeys, plain, same, show, type Value } from './values.ts';

/** `SUM(amount)`, a SQL expression as written, or a saved metric's name. */
function metricLabel(metric: Json): string {
  if (typeof metric === 'string') return plain(metric);
  const value = asObject(metric);
  if (value.expressionType === 'SQL' && typeof value.sqlExpression === 'string')
    return plain(value.sqlExpression);
  const column = asObject(value.column).column_name;
  if (typeof value.aggregate === 'string')
    return `${value.aggregate}(${typeof column === 'string' ? column : '?'})`;
  // A metric with neither: its label when it has one, never its raw JSON.
  return typeof value.label === 'string' ? plain(value.label) : 'an unnamed metric';
}

/** `region IN (EU, US)`, or a SQL filter as written. */
function filterLabel(filter: Json): string {
  const value = asObject(filter);
  if (value.expressionType === 'SQL' && typeof value.sqlExpression === 'string')
    return plain(value.sqlExpression);
  const subject = typeof value.subject === 'string' ? value.subject : asObject(value.subject).label;
  const comparator = Array.isArray(value.comparator)
    ? `(${value.comparator.join(', ')})`
    : value.comparator === undefined || value.comparator === null
      ? ''
      : String(value.comparator);
  return plain(`${String(subject ?? '?')} ${String(value.operator ?? '')} ${comparator}`);
}

const columnLabel = (column: Json) =>
  typeof column === 'string'
    ? column
    : String(asObject(column).label ?? asObject(column).sqlExpression ?? '?');

/** Params named in words; the rest go through otherKeys as "option …". */
const PARAM_LISTS: Array<{ keys: string[]; noun: string; label: (item: Json) => string }> = [
  { keys: ['metrics', 'metric', 'percent_metrics', 'secondary_metric'], noun: 'metric', label: metricLabel },
  { keys: ['adhoc_filters'], noun: 'filter', label: filterLabel },
  { keys: ['groupby', 'columns', 'all_columns', 'x_axis'], noun: 'dimension', label: columnLabel },
];
const PARAM_WORDS: Record<string, string> = {
  time_range: 'time range',
  row_limit: 'row limit',
  time_grain_sqla: 'time grain',
  color_scheme: 'color scheme',
};

function paramChanges(before: Value, after: Value): string[] {
  const lines: string[] = [];
  const handled = ['viz_type', 'datasource', 'slice_id'];
  for (const list of PARAM_LISTS) {
    handled.push(...list.keys);
    const pick = (params: Value) => list.keys.flatMap((key) => asArray(params[key]));
    lines.push(...listChanges(list.noun, pick(before), pick(after), list.label));
  }
  for (const [key, words] of Object.entries(PARAM_WORDS)) {
    handled.push(key);
    if (!same(before[key], after[key]))
      lines.push(`${words} changed ${show(before[key])} → ${show(after[key])}`);
  }
  return [...lines, ...otherKeys(before, after, handled, 'option ')];
}

export function chartChanges(before: Value, after: Value): string[] {
  const lines: string[] = [];
  if (!same(before.slice_name, after.slice_name))
    lines.push(`renamed ${show(before.slice_name)} → ${show(after.slice_name)}`);
  if (!same(before.viz_type, after.viz_type))
    lines.push(`chart type changed ${show(before.viz_type)} → ${show(after.viz_type)}`);
  if (!same(before.dataset_uuid, after.dataset_uuid)) lines.push('now reads another dataset');
  const params = paramChanges(asObject(before.params), asObject(after.params));
  lines.push(...params);
  // The query context follows the params; on its own it is worth a line.
  if (!params.length && !same(before.query_context, after.query_context)) lines.push('query context changed');
  const handled = ['slice_name', 'viz_type', 'dataset_uuid', 'params', 'query_context', 'uuid'];
  return [...lines, ...otherKeys(before, after, handled)];
}
