// A dataset's edits: name, SQL, schema, columns and metrics by name.
import type { Json } from '../bundle/yaml-text.ts';
import {
  asArray,
  asObject,
  fieldChanges,
  listChanges,
  otherKeys,
  plain,
  same,
  show,
  type Value,
} from './values.ts';

const named = (key: string) => (item: Json) => String(asObject(item)[key] ?? '?');

export function datasetChanges(before: Value, after: Value): string[] {
  const lines: string[] = [];
  if (!same(before.table_name, after.table_name))
    lines.push(`renamed ${show(before.table_name)} → ${show(after.table_name)}`);
  if (!same(before.schema, after.schema))
    lines.push(`schema changed ${show(before.schema)} → ${show(after.schema)}`);
  if (!same(before.sql, after.sql)) lines.push(after.sql ? 'SQL changed' : 'SQL removed');
  if (!same(before.database_uuid, after.database_uuid)) lines.push('now reads another database');
  lines.push(
    ...listChanges(
      'column',
      asArray(before.columns),
      asArray(after.columns),
      (column) => show(named('column_name')(column)),
      named('column_name'),
      (old, now) => `column ${show(named('column_name')(now))}: ${fieldChanges(old, now)}`,
    ),
    ...listChanges(
      'metric',
      asArray(before.metrics),
      asArray(after.metrics),
      (metric) => show(named('metric_name')(metric)),
      named('metric_name'),
      (old, now) => {
        const [a, b] = [asObject(old).expression, asObject(now).expression];
        const label = show(named('metric_name')(now));
        const rest = fieldChanges(old, now, ['expression']);
        return same(a, b)
          ? `metric ${label}: ${rest}`
          : `metric ${label} changed ${plain(String(a ?? ''))} → ${plain(String(b ?? ''))}${rest ? `; ${rest}` : ''}`;
      },
    ),
  );
  const handled = ['table_name', 'schema', 'sql', 'database_uuid', 'columns', 'metrics', 'uuid'];
  return [...lines, ...otherKeys(before, after, handled)];
}
