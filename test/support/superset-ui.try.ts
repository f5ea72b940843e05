// Tries superset-ui.ts against a running Superset 6.1: edits the `customers` dashboard through the real UI and
// prints what each save changed in position_json / json_metadata. Usage: npx tsx test/support/superset-ui.try.ts <url>
import {
  addNativeFilter,
  editDashboardLayout,
  loginToSuperset,
  openSupersetBrowser,
  renameDashboard,
  setCrossFiltering,
} from './superset-ui.ts';

const url = (process.argv[2] ?? 'http://127.0.0.1:18180').replace(/\/+$/, '');
const slug = 'customers';
type Json = Record<string, unknown>;
interface Stored {
  title: string;
  position: Json;
  metadata: Json;
}

async function readDashboard(): Promise<Stored> {
  const login = await fetch(`${url}/api/v1/security/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin', provider: 'db', refresh: true }),
  });
  const { access_token } = (await login.json()) as { access_token: string };
  const answer = await fetch(`${url}/api/v1/dashboard/${slug}`, {
    headers: { Authorization: `Bearer ${access_token}` },
  });
  const { result } = (await answer.json()) as {
    result: { dashboard_title: string; position_json: string; json_metadata: string };
  };
  return {
    title: result.dashboard_title,
    position: JSON.parse(result.position_json) as Json,
    metadata: JSON.parse(result.json_metadata) as Json,
  };
}

// Lists changed leaves as "path: before -> after"; arrays of objects with an `id` (native filters) are matched
// by id, other arrays compared whole.
function diff(before: unknown, after: unknown, path = ''): string[] {
  const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
  const byId = (v: unknown) =>
    Array.isArray(v) && v.length > 0 && v.every((x) => isObj(x) && typeof x.id === 'string')
      ? Object.fromEntries(v.map((x: Json) => [`[${String(x.id)}]`, x]))
      : v;
  if (Array.isArray(before) || Array.isArray(after)) {
    const [b, a] = [byId(before), byId(after)];
    if (isObj(b) || isObj(a)) return diff(isObj(b) ? b : {}, isObj(a) ? a : {}, path);
  }
  if (isObj(before) && isObj(after))
    return [...new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((k) =>
      diff(before[k], after[k], path ? `${path}.${k}` : k),
    );
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v).slice(0, 400));
  return [`  ${path}: ${show(before)} -> ${show(after)}`];
}

function report(label: string, a: Stored, b: Stored): void {
  console.log(`\n== ${label}`);
  console.log(`title: ${JSON.stringify(a.title)} -> ${JSON.stringify(b.title)}`);
  console.log('position_json:\n' + (diff(a.position, b.position).join('\n') || '  (unchanged)'));
  console.log('json_metadata:\n' + (diff(a.metadata, b.metadata).join('\n') || '  (unchanged)'));
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`check failed: ${what}`);
  console.log(`ok: ${what}`);
}

const timings: Record<string, number> = {};
async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await run();
  } finally {
    timings[name] = Math.round(performance.now() - start);
  }
}

const session = await timed('openSupersetBrowser', openSupersetBrowser);
try {
  const { page } = session;
  const start = await readDashboard();
  await timed('loginToSuperset', () => loginToSuperset(page, { url, username: 'admin', password: 'admin' }));

  const layout = await timed('editDashboardLayout', () =>
    editDashboardLayout(page, {
      url,
      slug,
      title: 'Customers (edited in UI)',
      screenshotPrefix: '/tmp/superset-ui-layout',
    }),
  );
  console.log('editDashboardLayout ->', JSON.stringify(layout));
  const afterLayout = await readDashboard();
  report('after editDashboardLayout', start, afterLayout);
  const chartIn = (stored: Stored, name: string) =>
    Object.values(stored.position).find((c) => ((c as Json)?.meta as Json)?.sliceName === name) as Json & {
      parents: string[];
      meta: { chartId: number; width: number };
    };
  const { resized, moved } = layout;
  check(afterLayout.title === 'Customers (edited in UI)', 'title stored');
  const [w0, w1] = [chartIn(start, resized.chart).meta.width, chartIn(afterLayout, resized.chart).meta.width];
  check(w0 !== w1, `width of '${resized.chart}' changed ${w0} -> ${w1}`);
  const [p0, p1] = [chartIn(start, moved.chart).parents, chartIn(afterLayout, moved.chart).parents];
  check(p0.join() !== p1.join(), `'${moved.chart}' moved ${p0.join('/')} -> ${p1.join('/')}`);
  check(
    'chart_configuration' in afterLayout.metadata && 'global_chart_configuration' in afterLayout.metadata,
    'chart_configuration and global_chart_configuration stored',
  );

  const filterName = 'Segment (2 charts)';
  const scoped = ['Customers by segment', 'Signups per month'];
  const filter = await timed('addNativeFilter', () =>
    addNativeFilter(page, {
      url,
      slug,
      name: filterName,
      dataset: 'customers',
      column: 'segment',
      chartNames: scoped,
      screenshotPrefix: '/tmp/superset-ui-filter',
    }),
  );
  console.log('addNativeFilter ->', JSON.stringify(filter));
  const afterFilter = await readDashboard();
  report('after addNativeFilter', afterLayout, afterFilter);
  type Filter = { id: string; name: string; targets: { column: { name: string } }[] } & {
    scope: { excluded: number[] };
    chartsInScope?: number[];
  };
  const filterIn = (stored: Stored) =>
    (stored.metadata.native_filter_configuration as Filter[]).find((f) => f.id === filter.filterId);
  const numeric = (ids: number[]) => JSON.stringify([...ids].sort((x, y) => x - y));
  const added = filterIn(afterFilter);
  const inScope = scoped.map((name) => chartIn(afterFilter, name).meta.chartId);
  const others = Object.values(afterFilter.position)
    .filter((c) => (c as Json)?.type === 'CHART')
    .map((c) => ((c as Json).meta as { chartId: number }).chartId)
    .filter((id) => !inScope.includes(id));
  check(added?.name === filterName && added.targets[0]?.column.name === 'segment', 'new filter on segment');
  check(numeric(added?.scope.excluded ?? []) === numeric(others), `scope excludes charts ${numeric(others)}`);

  await timed('renameDashboard', () =>
    renameDashboard(page, { url, slug, title: 'Customers (renamed in UI)' }),
  );
  const afterRename = await readDashboard();
  report('after renameDashboard (a plain edit-mode save)', afterFilter, afterRename);
  const again = filterIn(afterRename)?.chartsInScope;
  check(
    numeric(again ?? []) === numeric(inScope),
    `chartsInScope of the new filter is ${JSON.stringify(again)}`,
  );

  const changed = await timed('setCrossFiltering', () =>
    setCrossFiltering(page, { url, slug, enabled: false }),
  );
  const afterCross = await readDashboard();
  report(`after setCrossFiltering(false) (saved: ${changed})`, afterRename, afterCross);
  check(afterCross.metadata.cross_filters_enabled === false, 'cross_filters_enabled is false');
  await page.mouse.move(1590, 990);
  await page.screenshot({ path: '/tmp/superset-ui-final.png', fullPage: true });
} finally {
  await session.close();
  console.log('\ntimings (ms):', JSON.stringify(timings));
}
