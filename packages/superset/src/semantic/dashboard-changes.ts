// A dashboard's edits: title, slug, the charts it shows, its layout, its native filters and its settings.
import type { Json } from '../bundle/yaml-text.ts';
import { asArray, asObject, listChanges, otherKeys, same, show, type Value } from './values.ts';

/** Charts placed on the dashboard, by uuid, with the name the layout shows. */
function chartsOf(position: Value): Json[] {
  return Object.values(position)
    .map(asObject)
    .filter((node) => node.type === 'CHART')
    .map((node) => asObject(node.meta));
}

const chartName = (meta: Json) => {
  const value = asObject(meta);
  return show(value.sliceNameOverride ?? value.sliceName ?? value.uuid ?? '?');
};

export function dashboardChanges(before: Value, after: Value): string[] {
  const lines: string[] = [];
  if (!same(before.dashboard_title, after.dashboard_title))
    lines.push(`renamed ${show(before.dashboard_title)} → ${show(after.dashboard_title)}`);
  if (!same(before.slug, after.slug)) lines.push(`slug changed ${show(before.slug)} → ${show(after.slug)}`);
  const [oldPosition, newPosition] = [asObject(before.position), asObject(after.position)];
  const charts = listChanges('chart', chartsOf(oldPosition), chartsOf(newPosition), chartName, (meta) =>
    String(asObject(meta).uuid ?? chartName(meta)),
  ).filter((line) => !line.endsWith(' changed') && !line.endsWith('reordered'));
  lines.push(...charts);
  if (!charts.length && !same(oldPosition, newPosition)) lines.push('layout changed');
  const [oldMeta, newMeta] = [asObject(before.metadata), asObject(after.metadata)];
  lines.push(
    ...listChanges(
      'native filter',
      asArray(oldMeta.native_filter_configuration),
      asArray(newMeta.native_filter_configuration),
      (filter) => show(asObject(filter).name ?? '?'),
      (filter) => String(asObject(filter).id ?? asObject(filter).name),
    ),
    ...otherKeys(oldMeta, newMeta, ['native_filter_configuration', 'positions'], 'setting '),
  );
  const handled = ['dashboard_title', 'slug', 'position', 'metadata', 'uuid'];
  return [...lines, ...otherKeys(before, after, handled)];
}
