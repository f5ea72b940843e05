// A dashboard's settings (its json_metadata) in words: cross-filter scopes by chart names ("'Units sold'
// cross-filters now exclude 'Orders'"), colours by label ("colour of 'EMEA' changed"), auto-refresh, and every
// other setting by its name. Chart uuids in the settings are shown as chart names, never as ids.
import type { Json } from '../bundle/yaml-text.ts';
import { nativeFilterChanges, scopeChanges } from './filter-changes.ts';
import { DashboardNames, quoted } from './names.ts';
import { asArray, asObject, same, show, words, type Value } from './values.ts';

const keysOf = (a: Value, b: Value) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();

/** "'Units sold' cross-filters now apply to 'A'", "… now exclude 'B'", one chart's crossFilters block. */
function crossFilterLines(subject: string, old: Value, now: Value, names: DashboardNames): string[] {
  const lines = scopeChanges(subject, asArray(old.chartsInScope), asArray(now.chartsInScope), names, [
    'now apply to',
    'now exclude',
  ]);
  if (!lines.length && !same(old, now)) lines.push(`${subject} scope changed`);
  return lines;
}

function chartConfigurationChanges(before: Json | undefined, after: Json | undefined, names: DashboardNames) {
  const [old, now] = [asObject(before), asObject(after)];
  const lines: string[] = [];
  for (const chart of keysOf(old, now)) {
    const [a, b] = [asObject(old[chart]), asObject(now[chart])];
    if (same(old[chart], now[chart])) continue;
    const subject = `${names.chart(chart)} cross-filters`;
    if (old[chart] === undefined) {
      const reach = asArray(asObject(b.crossFilters).chartsInScope);
      lines.push(`${subject} set up, applying to ${reach.length ? names.chartList(reach) : 'no chart'}`);
    } else if (now[chart] === undefined) lines.push(`${subject} settings removed`);
    else lines.push(...crossFilterLines(subject, asObject(a.crossFilters), asObject(b.crossFilters), names));
  }
  return lines;
}

/** "colour of 'EMEA' changed '#fff' → '#000'", for label_colors and the colours Superset assigned. */
function colourChanges(before: Json | undefined, after: Json | undefined, noun: string) {
  const [old, now] = [asObject(before), asObject(after)];
  return keysOf(old, now)
    .filter((label) => !same(old[label], now[label]))
    .map((label) =>
      old[label] === undefined
        ? `${noun} of ${quoted(label)} set to ${show(now[label])}`
        : now[label] === undefined
          ? `${noun} of ${quoted(label)} no longer set (was ${show(old[label])})`
          : `${noun} of ${quoted(label)} changed ${show(old[label])} → ${show(now[label])}`,
    );
}

const refresh = (seconds: Json | undefined) => {
  const value = Number(seconds ?? 0);
  if (!value) return 'off';
  if (value % 3600 === 0) return `every ${value / 3600} hour${value === 3600 ? '' : 's'}`;
  if (value % 60 === 0) return `every ${value / 60} minute${value === 60 ? '' : 's'}`;
  return `every ${value} seconds`;
};

function listOfCharts(
  subject: string,
  before: Json | undefined,
  after: Json | undefined,
  names: DashboardNames,
  verbs: [string, string],
) {
  const [old, now] = [asArray(before).map(String), asArray(after).map(String)];
  const lines: string[] = [];
  const gained = now.filter((id) => !old.includes(id));
  const lost = old.filter((id) => !now.includes(id));
  if (gained.length) lines.push(`${names.chartList(gained)} ${verbs[0]}`);
  if (lost.length) lines.push(`${names.chartList(lost)} ${verbs[1]}`);
  if (!lines.length && !same(before, after)) lines.push(`${subject} reordered`);
  return lines;
}

/** Settings said specifically; each takes the old and new value and returns its lines. */
const SETTINGS: Record<
  string,
  (a: Json | undefined, b: Json | undefined, names: DashboardNames) => string[]
> = {
  native_filter_configuration: nativeFilterChanges,
  chart_configuration: chartConfigurationChanges,
  global_chart_configuration: (a, b, names) =>
    crossFilterLines('cross-filters of every chart', asObject(a), asObject(b), names),
  cross_filters_enabled: (_a, b) => [
    b === false ? 'cross-filtering turned off' : 'cross-filtering turned on',
  ],
  color_scheme: (a, b) => [`colour scheme changed ${show(a)} → ${show(b)}`],
  label_colors: (a, b) => colourChanges(a, b, 'colour'),
  map_label_colors: (a, b) => colourChanges(a, b, 'assigned colour'),
  shared_label_colors: (a, b) => {
    const [old, now] = [asArray(a).map(String), asArray(b).map(String)];
    const lines = [
      ...now
        .filter((label) => !old.includes(label))
        .map((label) => `${quoted(label)} now shares its colour across charts`),
      ...old
        .filter((label) => !now.includes(label))
        .map((label) => `${quoted(label)} no longer shares its colour across charts`),
    ];
    return lines.length ? lines : ['shared colours reordered'];
  },
  color_scheme_domain: () => ['colour scheme palette changed'],
  refresh_frequency: (a, b) => [`auto-refresh changed ${refresh(a)} → ${refresh(b)}`],
  timed_refresh_immune_slices: (a, b, names) =>
    listOfCharts('charts skipped by auto-refresh', a, b, names, [
      'now skipped by auto-refresh',
      'no longer skipped by auto-refresh',
    ]),
  expanded_slices: (a, b, names) => {
    const [old, now] = [asObject(a), asObject(b)];
    return keysOf(old, now)
      .filter((chart) => !same(old[chart], now[chart]))
      .map((chart) => `${names.chart(chart)} description ${now[chart] ? 'shown' : 'hidden'}`);
  },
  filter_scopes: (a, b, names) => {
    const [old, now] = [asObject(a), asObject(b)];
    return keysOf(old, now)
      .filter((chart) => !same(old[chart], now[chart]))
      .map((chart) => `filter box ${names.chart(chart)} scopes changed`);
  },
};

export function settingsChanges(
  before: Json | undefined,
  after: Json | undefined,
  names: DashboardNames,
): string[] {
  const [old, now] = [asObject(before), asObject(after)];
  const lines: string[] = [];
  // Filters first, then cross-filters: what a person looks for first; the rest alphabetically.
  const first = ['native_filter_configuration', 'chart_configuration', 'global_chart_configuration'];
  const rank = (key: string) => (first.includes(key) ? first.indexOf(key) : first.length);
  for (const key of keysOf(old, now).sort((a, b) => rank(a) - rank(b))) {
    if (same(old[key], now[key])) continue;
    const said = SETTINGS[key];
    if (said) {
      lines.push(...said(old[key], now[key], names));
      continue;
    }
    const [a, b] = [old[key], now[key]];
    const scalar = (v: Json | undefined) => v === undefined || v === null || typeof v !== 'object';
    const subject = `setting ${words(key)}`;
    if (scalar(a) && scalar(b)) lines.push(`${subject} changed ${show(a)} → ${show(b)}`);
    else lines.push(`${subject} changed`);
  }
  return lines;
}
