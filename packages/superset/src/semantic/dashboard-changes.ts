// A dashboard's edits: title, slug, its layout (by the chart, markdown and tab names people see), its native
// filters and settings (by chart and dataset names), and any other field by its name.
import { layoutChanges } from './layout-changes.ts';
import { DashboardNames, type NameLookup } from './names.ts';
import { settingsChanges } from './settings-changes.ts';
import { otherKeys, same, show, type Value } from './values.ts';

export function dashboardChanges(before: Value, after: Value, lookup?: NameLookup): string[] {
  const lines: string[] = [];
  if (!same(before.dashboard_title, after.dashboard_title))
    lines.push(`renamed ${show(before.dashboard_title)} → ${show(after.dashboard_title)}`);
  if (!same(before.slug, after.slug)) lines.push(`slug changed ${show(before.slug)} → ${show(after.slug)}`);
  const names = new DashboardNames(before.position, after.position, lookup);
  if (!same(before.position, after.position)) {
    const layout = layoutChanges(before.position, after.position, names);
    // Only the derived parts (each node's `parents`) differ: still a change, said as such.
    lines.push(...(layout.length ? layout : ['layout changed']));
  }
  lines.push(...settingsChanges(before.metadata, after.metadata, names));
  const handled = ['dashboard_title', 'slug', 'position', 'metadata', 'uuid'];
  return [...lines, ...otherKeys(before, after, handled)];
}
