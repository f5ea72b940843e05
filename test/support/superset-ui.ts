// Drives Apache Superset 6.1's own web frontend in headless Chromium the way a person edits a dashboard, so
// tests can get dashboards that were really edited and saved through Superset's editor.
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { launchBrowser } from '../e2e/browser.ts';

export type SupersetBrowser = {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
};
export type DashboardRef = { url: string; slug: string };
export interface LayoutEdits extends DashboardRef {
  title?: string; // new dashboard title; default "<old title> (edited)"
  resizeChart?: string; // chart name; default the first visible chart
  moveChart?: string; // chart name; default the last chart that shares its row with another
  screenshotPrefix?: string; // when set, saves <prefix>-<stage>.png along the way
}
export interface NativeFilterSpec extends DashboardRef {
  name: string;
  dataset: string;
  column: string;
  chartNames: string[]; // the only charts the filter applies to
  screenshotPrefix?: string;
}

const GRID_COLUMNS = 12; // Superset's GRID_COLUMN_COUNT
const GRID_GUTTER = 16; // Superset's GRID_GUTTER_SIZE, in px
const dt = (name: string) => `[data-test="${name}"]`;
const exact = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
const base = (url: string) => url.replace(/\/+$/, '');

// Runs one user-visible step; on failure saves a screenshot to /tmp and throws an error naming the step.
async function step<T>(page: Page, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const file = `/tmp/superset-ui-failed-${what.replace(/\W+/g, '-')}-${Date.now()}.png`;
    const shot = await page.screenshot({ path: file, fullPage: true }).then(() => `see ${file}`, String);
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`Superset UI: could not ${what}: ${reason} (${shot})`, { cause: error });
  }
}

const shoot = async (page: Page, prefix: string | undefined, stage: string) =>
  prefix && (await page.screenshot({ path: `${prefix}-${stage}.png`, fullPage: true }));

// Waits for Superset's answer to an API write and fails unless it is 200.
async function expectOk(response: Promise<Response>, what: string): Promise<Response> {
  const answer = await response;
  if (answer.status() !== 200)
    throw new Error(`${what} answered ${answer.status()}: ${(await answer.text()).slice(0, 300)}`);
  return answer;
}
const isDashboardPut = (suffix: string) => (r: Response) =>
  r.request().method() === 'PUT' &&
  new RegExp(`/api/v1/dashboard/\\d+${suffix}$`).test(new URL(r.url()).pathname);
const dashboardIdOf = (r: Response) => Number(/\/api\/v1\/dashboard\/(\d+)/.exec(r.url())?.[1]);

// Starts headless Debian Chromium with a 1600x1000 window, ready to visit Superset.
export async function openSupersetBrowser(): Promise<SupersetBrowser> {
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { browser, context, page, close: () => browser.close() };
}

// Signs in on Superset's login page with a user name and password.
export async function loginToSuperset(page: Page, opts: { url: string; username: string; password: string }) {
  await step(page, 'log in to Superset', async () => {
    await page.goto(`${base(opts.url)}/login/`);
    await page.locator(dt('username-input')).fill(opts.username);
    await page.locator(dt('password-input')).fill(opts.password);
    await Promise.all([
      // Superset's login page answers slowly while a dozen Supersets share two cores.
      page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 60_000 }),
      page.locator(dt('login-button')).click(),
    ]);
  });
}

// Opens a dashboard by its slug and waits for its header to show.
export async function openDashboard(page: Page, ref: DashboardRef): Promise<void> {
  await step(page, `open dashboard '${ref.slug}'`, async () => {
    await page.goto(`${base(ref.url)}/superset/dashboard/${ref.slug}/`);
    await page.locator(dt('dashboard-header-container')).waitFor();
  });
}

function chartHolder(page: Page, name: string): Locator {
  return page
    .locator('.dashboard-component-chart-holder')
    .filter({ visible: true })
    .filter({ has: page.locator(dt('editable-title'), { hasText: exact(name) }) });
}

const idsIn = (scope: Locator): Promise<number[]> =>
  scope
    .locator('.dashboard-component-chart-holder')
    .evaluateAll((els) =>
      els.map((e) => Number(/dashboard-chart-id-(\d+)/.exec(e.getAttribute('class'))?.[1])),
    )
    .then((ids) => ids.sort((a, b) => a - b));
// Chart ids in the grid row that holds the chart (its own id included).
const rowOf = (holder: Locator) => idsIn(holder.page().locator('.grid-row').filter({ has: holder }).last());
const chartNames = (page: Page) =>
  page
    .locator(`.dashboard-component-chart-holder:visible ${dt('editable-title')}`)
    .allTextContents()
    .then((all) => all.map((t) => t.trim()));

// Where a chart can be dropped: the free end of another row wide enough for it, else the empty strip under the
// grid (which makes a new row).
async function dropSpot(page: Page, awayFrom: number[], width: number) {
  for (const row of await page.locator('.dashboard--editing .grid-row').filter({ visible: true }).all()) {
    if ((await idsIn(row)).some((id) => awayFrom.includes(id))) continue;
    for (const end of await row.locator('.empty-droptarget--vertical').all()) {
      const r = await end.boundingBox();
      if (r && r.width >= width - 2) return { x: r.x + 40, y: r.y + r.height / 2, newRow: false };
    }
  }
  let strip: Awaited<ReturnType<Locator['boundingBox']>> = null;
  const strips = page.locator('.grid-content .empty-droptarget:not(.empty-droptarget--vertical)');
  for (const r of await Promise.all((await strips.all()).map((el) => el.boundingBox())))
    if (r && r.height > 20 && r.width > 0 && (!strip || r.y > strip.y)) strip = r;
  if (!strip) throw new Error('found no place to drop a chart');
  return { x: strip.x + 80, y: strip.y + strip.height / 2, newRow: true };
}

async function enterEditMode(page: Page): Promise<void> {
  await step(page, 'enter edit mode', async () => {
    await page.locator(dt('edit-dashboard-button')).click();
    await page.locator('.dashboard--editing').waitFor();
    await page.locator('.resizable-container-handle--right').first().waitFor({ state: 'attached' });
  });
}

// Types a new dashboard title in the header (edit mode) and presses Enter.
async function typeTitle(page: Page, title: ((old: string) => string) | string): Promise<string> {
  return step(page, 'change the dashboard title', async () => {
    const input = page.locator(`${dt('dashboard-header-container')} ${dt('editable-title-input')}`);
    const wanted = typeof title === 'string' ? title : title(await input.inputValue());
    await input.click();
    await input.press('ControlOrMeta+a');
    await input.pressSequentially(wanted);
    await input.press('Enter');
    const shown = await input.inputValue();
    if (shown !== wanted) throw new Error(`the title reads '${shown}'`);
    return wanted;
  });
}

// Waits until an antd modal or popup has finished its opening animation (rc-motion's "-appear"/"-enter" classes
// are gone): clicking into one that is still zooming or sliding in can hit the wrong spot.
const opened = (popup: Locator) =>
  popup.and(popup.page().locator(':not([class*="-appear"]):not([class*="-enter"])')).first().waitFor();

// Presses the mouse at one point, drags in small steps to another, and lets go.
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / 20, from.y + ((to.y - from.y) * i) / 20);
    await page.waitForTimeout(25); // react-dnd and re-resizable throttle their hover handlers
  }
  await page.mouse.up();
  await page.waitForTimeout(300);
}

// Opens the dashboard, enters edit mode, drags one chart's edge to resize it, drags another chart to another
// row, renames the dashboard, and saves; resolves once Superset has stored the save and left edit mode.
export async function editDashboardLayout(page: Page, opts: LayoutEdits) {
  await openDashboard(page, opts);
  await enterEditMode(page);
  // Drags need both ends on screen: grow the window to the whole dashboard (a person would scroll instead).
  const viewport = page.viewportSize() ?? { width: 1600, height: 1000 };
  const height = Number(await page.evaluate('document.documentElement.scrollHeight')) + 200;
  await page.setViewportSize({ ...viewport, height: Math.min(Math.max(height, viewport.height), 6000) });
  try {
    const resized = await step(page, 'resize a chart', async () => {
      const chart = opts.resizeChart ?? (await chartNames(page))[0];
      if (!chart) throw new Error('the dashboard shows no chart');
      const holder = chartHolder(page, chart);
      const box = await holder.boundingBox();
      const grid = await page.locator('.grid-content').filter({ visible: true }).first().boundingBox();
      const resizable = page.locator('.resizable-container').filter({ has: holder }).last();
      const handle = await resizable.locator('.resizable-container-handle--right').last().boundingBox();
      if (!box || !grid || !handle) throw new Error(`chart '${chart}' or its resize handle is not on screen`);
      const column = (grid.width + GRID_GUTTER) / GRID_COLUMNS;
      const from = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
      const dx = (box.width > column * 1.5 ? -1.25 : 1.25) * column; // narrower if it can be, else wider
      await drag(page, from, { x: from.x + dx, y: from.y });
      const after = (await holder.boundingBox())?.width ?? box.width;
      if (Math.abs(after - box.width) < column / 2) throw new Error(`'${chart}' kept its width`);
      return { chart, widthPxBefore: Math.round(box.width), widthPxAfter: Math.round(after) };
    });
    await shoot(page, opts.screenshotPrefix, 'resized');
    const moved = await step(page, 'move a chart', async () => {
      let chart = opts.moveChart;
      for (const name of chart ? [] : await chartNames(page))
        if ((await rowOf(chartHolder(page, name))).length > 1) chart = name;
      chart ??= (await chartNames(page))[0];
      if (!chart) throw new Error('the dashboard shows no chart');
      const holder = chartHolder(page, chart);
      const rowBefore = await rowOf(holder);
      const box = await holder.boundingBox();
      if (!box) throw new Error(`chart '${chart}' is not on screen`);
      const target = await dropSpot(page, rowBefore, box.width);
      await drag(page, { x: box.x + box.width / 2, y: box.y + 60 }, target);
      const rowAfter = await rowOf(chartHolder(page, chart));
      if (rowBefore.length > 1 && rowAfter.join() === rowBefore.join())
        throw new Error(`'${chart}' stayed in its row ${rowBefore.join(',')}`);
      return { chart, rowBefore, rowAfter, newRow: target.newRow };
    });
    await shoot(page, opts.screenshotPrefix, 'moved');
    const title = await typeTitle(page, opts.title ?? ((old) => `${old} (edited)`));
    await shoot(page, opts.screenshotPrefix, 'before-save');
    const dashboardId = await saveEditedDashboard(page);
    await shoot(page, opts.screenshotPrefix, 'saved');
    return { dashboardId, title, resized, moved };
  } finally {
    await page.setViewportSize(viewport);
  }
}

// Presses Save in edit mode and waits until Superset has stored the dashboard and left edit mode.
export async function saveEditedDashboard(page: Page): Promise<number> {
  return step(page, 'save the dashboard', async () => {
    const put = page.waitForResponse(isDashboardPut(''), { timeout: 60_000 });
    await page.locator(dt('header-save-button')).click();
    const answer = await expectOk(put, 'saving the dashboard');
    await page.locator(dt('edit-dashboard-button')).waitFor({ timeout: 60_000 });
    return dashboardIdOf(answer);
  });
}

// Opens the dashboard's filter bar settings (the cog) and shows its menu.
async function openFilterBarMenu(page: Page): Promise<void> {
  const cog = page.locator(dt('filterbar-orientation-icon'));
  const expand = page.locator(dt('filter-bar__expand-button'));
  await cog.or(expand).filter({ visible: true }).first().waitFor(); // the bar may start folded
  if (await expand.isVisible()) await expand.click();
  await cog.click();
  await opened(page.locator('.ant-dropdown').filter({ has: page.locator(dt('filter-bar__create-filter')) }));
}

// Opens the dashboard, adds a "Value" filter on a dataset column in "Add or edit filters", limits it to the
// named charts, and saves; resolves with the new filter's id once Superset has stored it.
export async function addNativeFilter(page: Page, spec: NativeFilterSpec) {
  await openDashboard(page, spec);
  const modal = page.locator('.ant-modal').filter({ visible: true });
  const shown = (selector: string) => modal.locator(selector).filter({ visible: true });
  await step(page, 'open the filter configuration', async () => {
    await openFilterBarMenu(page);
    await page.locator(dt('filter-bar__create-filter')).click();
    await opened(page.locator('.ant-modal'));
    // A dashboard without filters opens the dialog on a fresh, unnamed one; otherwise add one.
    await shown(dt('filters-config-modal__name-input')).waitFor();
    if ((await shown(dt('filters-config-modal__name-input')).inputValue()) === '') return;
    await shown(dt('new-item-dropdown-button')).click();
    const item = page.getByRole('menuitem', { name: 'Add filter' });
    await opened(page.locator('.ant-dropdown').filter({ has: item }));
    await item.click();
  });
  const pick = async (option: { has: Locator } | { hasText: RegExp }) => {
    const choice = page.locator('.ant-select-item-option').filter(option);
    const list = page.locator('.ant-select-dropdown').filter({ visible: true }).filter({ has: choice });
    await opened(list);
    await list.locator(choice).first().click();
  };
  await step(page, `set up the filter '${spec.name}' on ${spec.dataset}.${spec.column}`, async () => {
    const type = (await shown(dt('filters-config-modal__filter-type')).textContent()) ?? '';
    if (!type.includes('Value')) throw new Error(`the new filter's type is '${type}', not Value`);
    await shown(dt('filters-config-modal__name-input')).fill(spec.name);
    await shown(`${dt('filters-config-modal__datasource-input')} .ant-select`).click();
    await page.keyboard.type(spec.dataset);
    await pick({ has: page.locator('span', { hasText: exact(spec.dataset) }) });
    await shown(`${dt('field-input')} .ant-select`).click();
    await page.keyboard.type(spec.column);
    await pick({ hasText: exact(spec.column) });
    const chosen = await shown(`${dt('field-input')} .ant-select-selection-item`).textContent();
    if (chosen?.trim() !== spec.column) throw new Error(`the column reads '${chosen}'`);
  });
  await step(page, `scope the filter to ${spec.chartNames.join(', ')}`, async () => {
    await shown('.ant-tabs-tab').filter({ hasText: 'Scoping' }).click();
    const tree = shown('.ant-tree');
    const nodes = tree.locator('.ant-tree-treenode').filter({ visible: true });
    const folded = tree.locator('.ant-tree-switcher_close').filter({ visible: true });
    for (let i = 0; i < 50 && (await folded.count()) > 0; i++) await folded.first().click(); // unfold tabs
    await nodes.first().locator('.ant-tree-checkbox').click(); // the root: "All panels" off
    const checked = tree.locator('.ant-tree-treenode-checkbox-checked').filter({ visible: true });
    if ((await checked.count()) > 0) throw new Error('"All panels" did not clear the scope');
    for (const name of spec.chartNames) {
      const node = nodes.filter({ has: page.locator('.ant-tree-title', { hasText: exact(name) }) });
      if ((await node.count()) === 0) throw new Error(`no chart '${name}' in the scoping tree`);
      for (const one of await node.all()) {
        await one.locator('.ant-tree-checkbox').click();
        await one.locator('.ant-tree-checkbox-checked').waitFor();
      }
    }
  });
  await shoot(page, spec.screenshotPrefix, 'filter-scoped');
  return step(page, 'save the filter configuration', async () => {
    const put = page.waitForResponse(isDashboardPut('/filters'), { timeout: 60_000 });
    await shown(dt('native-filter-modal-save-button')).click();
    const answer = await expectOk(put, 'saving the filters');
    await modal.waitFor({ state: 'hidden' });
    type Sent = { modified?: { id: string; name: string }[] };
    const sent = JSON.parse(answer.request().postData() ?? '{}') as Sent;
    const filterId = sent.modified?.find((f) => f.name === spec.name)?.id;
    if (!filterId) throw new Error(`the save did not carry a filter named '${spec.name}'`);
    const inBar = page.locator(dt('filter-control-name'), { hasText: exact(spec.name) });
    await inBar.last().waitFor(); // the new filter shows in the filter bar
    await shoot(page, spec.screenshotPrefix, 'filter-saved');
    return { dashboardId: dashboardIdOf(answer), filterId };
  });
}

// Opens the dashboard and switches "Enable cross-filtering" in the filter bar's cog menu on or off; Superset
// saves json_metadata at once. Resolves false when it already was in that state (nothing saved).
export async function setCrossFiltering(page: Page, opts: DashboardRef & { enabled: boolean }) {
  await openDashboard(page, opts);
  return step(page, `turn cross-filtering ${opts.enabled ? 'on' : 'off'}`, async () => {
    await openFilterBarMenu(page);
    const item = page.getByRole('menuitem', { name: 'Enable cross-filtering' });
    const on = (await item.locator('.ant-checkbox-wrapper-checked').count()) > 0;
    if (on === opts.enabled) {
      await page.keyboard.press('Escape');
      return false;
    }
    const put = page.waitForResponse(isDashboardPut(''), { timeout: 60_000 });
    await item.click();
    await expectOk(put, 'saving cross-filtering');
    return true;
  });
}

// Opens the dashboard, enters edit mode, renames it and saves: the smallest edit that makes Superset write its
// full json_metadata (chart_configuration, global_chart_configuration, each filter's chartsInScope/tabsInScope).
export async function renameDashboard(page: Page, opts: DashboardRef & { title: string }): Promise<number> {
  await openDashboard(page, opts);
  await enterEditMode(page);
  await typeTitle(page, opts.title);
  return saveEditedDashboard(page);
}
