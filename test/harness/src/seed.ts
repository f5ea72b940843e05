// Seeds a fresh Superset through its REST API: the examples database, 3 datasets, 3 dashboards
// (Sales Overview with tabs, native filters and 20+ charts of several viz types).
import { z } from 'zod';
import type { SupersetClient } from '@superset-git/superset';

const Created = z.object({ id: z.number() });

type Params = Record<string, unknown>;
interface ChartSpec {
  name: string;
  viz: string;
  params: Params;
}

const sum = (column: string) => ({
  expressionType: 'SIMPLE',
  column: { column_name: column },
  aggregate: 'SUM',
  label: `SUM(${column})`,
});
const COUNT = 'count';

async function create(client: SupersetClient, path: string, json: unknown, action: string): Promise<number> {
  return (await client.json({ method: 'POST', path, json, action }, Created)).id;
}

async function dataset(
  client: SupersetClient,
  database: number,
  table: string,
  dateColumns: string[],
): Promise<number> {
  const id = await create(
    client,
    '/api/v1/dataset/',
    { database, table_name: table },
    `create dataset ${table}`,
  );
  const Detail = z.object({
    result: z.object({
      columns: z.array(z.object({ id: z.number(), column_name: z.string(), type: z.string().nullish() })),
    }),
  });
  const detail = await client.json(
    { path: `/api/v1/dataset/${id}`, action: `read dataset ${table}` },
    Detail,
  );
  const columns = detail.result.columns.map((column) => ({
    id: column.id,
    column_name: column.column_name,
    type: dateColumns.includes(column.column_name) ? 'DATETIME' : (column.type ?? undefined),
    is_dttm: dateColumns.includes(column.column_name),
    groupby: true,
    filterable: true,
  }));
  await client.call({
    method: 'PUT',
    path: `/api/v1/dataset/${id}`,
    json: { columns, main_dttm_col: dateColumns[0] ?? null },
    action: `mark time columns of ${table}`,
  });
  return id;
}

function salesCharts(): ChartSpec[] {
  const time = { x_axis: 'order_date', time_grain_sqla: 'P1M', time_range: 'No filter' };
  const charts: ChartSpec[] = [
    {
      name: 'Total revenue',
      viz: 'big_number_total',
      params: { metric: sum('amount'), time_range: 'No filter' },
    },
    { name: 'Orders', viz: 'big_number_total', params: { metric: COUNT, time_range: 'No filter' } },
    {
      name: 'Units sold',
      viz: 'big_number_total',
      params: { metric: sum('quantity'), time_range: 'No filter' },
    },
    { name: 'Revenue by region', viz: 'pie', params: { groupby: ['region'], metric: sum('amount') } },
    { name: 'Revenue by category', viz: 'pie', params: { groupby: ['category'], metric: sum('amount') } },
    {
      name: 'Monthly revenue',
      viz: 'echarts_timeseries_line',
      params: { ...time, metrics: [sum('amount')] },
    },
    { name: 'Monthly orders', viz: 'echarts_timeseries_bar', params: { ...time, metrics: [COUNT] } },
    { name: 'Monthly units', viz: 'echarts_area', params: { ...time, metrics: [sum('quantity')] } },
    {
      name: 'Revenue by region over time',
      viz: 'echarts_timeseries_line',
      params: { ...time, metrics: [sum('amount')], groupby: ['region'] },
    },
    {
      name: 'Orders by category over time',
      viz: 'echarts_timeseries_bar',
      params: { ...time, metrics: [COUNT], groupby: ['category'] },
    },
    {
      name: 'Top countries',
      viz: 'table',
      params: { query_mode: 'aggregate', groupby: ['country'], metrics: [sum('amount')], row_limit: 10 },
    },
    {
      name: 'Products',
      viz: 'table',
      params: { query_mode: 'aggregate', groupby: ['product', 'category'], metrics: [COUNT, sum('amount')] },
    },
    {
      name: 'Latest orders',
      viz: 'table',
      params: {
        query_mode: 'raw',
        all_columns: ['order_date', 'country', 'product', 'amount'],
        row_limit: 50,
      },
    },
    {
      name: 'Product cloud',
      viz: 'word_cloud',
      params: { series: 'product', metric: COUNT, rotation: 'flat' },
    },
    {
      name: 'Revenue treemap',
      viz: 'treemap_v2',
      params: { groupby: ['category', 'product'], metric: sum('amount') },
    },
    {
      name: 'Country revenue bars',
      viz: 'echarts_timeseries_bar',
      params: { x_axis: 'country', metrics: [sum('amount')], time_range: 'No filter' },
    },
    { name: 'Region funnel', viz: 'funnel', params: { groupby: ['region'], metric: COUNT } },
    { name: 'Category gauge', viz: 'gauge_chart', params: { metric: sum('quantity'), max_val: 20000 } },
    { name: 'Amount histogram', viz: 'histogram_v2', params: { column: 'amount', bins: 10 } },
    {
      name: 'Amount box plot',
      viz: 'box_plot',
      params: {
        metrics: [sum('amount')],
        columns: ['country'],
        groupby: ['region'],
        whiskerOptions: 'Tukey',
      },
    },
    {
      name: 'Region x category',
      viz: 'heatmap_v2',
      params: { x_axis: 'region', groupby: 'category', metric: sum('amount') },
    },
    { name: 'Revenue trend', viz: 'big_number', params: { ...time, metric: sum('amount') } },
  ];
  return charts;
}

async function charts(client: SupersetClient, datasetId: number, dashboardId: number, specs: ChartSpec[]) {
  const ids: Array<{ id: number; name: string }> = [];
  for (const spec of specs) {
    const params = {
      viz_type: spec.viz,
      datasource: `${datasetId}__table`,
      adhoc_filters: [],
      ...spec.params,
    };
    const id = await create(
      client,
      '/api/v1/chart/',
      {
        slice_name: spec.name,
        viz_type: spec.viz,
        datasource_id: datasetId,
        datasource_type: 'table',
        params: JSON.stringify(params),
        dashboards: [dashboardId],
      },
      `create chart ${spec.name}`,
    );
    ids.push({ id, name: spec.name });
  }
  return ids;
}

type Layout = Record<string, unknown>;

/** Rows of up to three charts, under `parents`. */
function rows(
  layout: Layout,
  prefix: string,
  parents: string[],
  chartList: Array<{ id: number; name: string }>,
): string[] {
  const rowIds: string[] = [];
  for (let i = 0; i < chartList.length; i += 3) {
    const rowId = `ROW-${prefix}-${i / 3}`;
    const chartKeys = chartList.slice(i, i + 3).map((chart) => {
      const key = `CHART-${prefix}-${chart.id}`;
      layout[key] = {
        type: 'CHART',
        id: key,
        children: [],
        parents: [...parents, rowId],
        meta: { chartId: chart.id, width: 4, height: 50, sliceName: chart.name },
      };
      return key;
    });
    layout[rowId] = {
      type: 'ROW',
      id: rowId,
      children: chartKeys,
      parents,
      meta: { background: 'BACKGROUND_TRANSPARENT' },
    };
    rowIds.push(rowId);
  }
  return rowIds;
}

function gridLayout(title: string, chartList: Array<{ id: number; name: string }>): Layout {
  const layout: Layout = {
    DASHBOARD_VERSION_KEY: 'v2',
    HEADER_ID: { id: 'HEADER_ID', type: 'HEADER', meta: { text: title } },
  };
  const rowIds = rows(layout, 'g', ['ROOT_ID', 'GRID_ID'], chartList);
  layout.ROOT_ID = { type: 'ROOT', id: 'ROOT_ID', children: ['GRID_ID'] };
  layout.GRID_ID = { type: 'GRID', id: 'GRID_ID', children: rowIds, parents: ['ROOT_ID'] };
  return layout;
}

function tabbedLayout(
  title: string,
  tabs: Array<{ label: string; charts: Array<{ id: number; name: string }> }>,
): Layout {
  const layout: Layout = {
    DASHBOARD_VERSION_KEY: 'v2',
    HEADER_ID: { id: 'HEADER_ID', type: 'HEADER', meta: { text: title } },
  };
  const tabIds = tabs.map((tab, index) => {
    const tabId = `TAB-${index}`;
    const rowIds = rows(layout, `t${index}`, ['ROOT_ID', 'TABS-main', tabId], tab.charts);
    layout[tabId] = {
      type: 'TAB',
      id: tabId,
      children: rowIds,
      parents: ['ROOT_ID', 'TABS-main'],
      meta: { text: tab.label },
    };
    return tabId;
  });
  layout.ROOT_ID = { type: 'ROOT', id: 'ROOT_ID', children: ['TABS-main'] };
  layout['TABS-main'] = { type: 'TABS', id: 'TABS-main', children: tabIds, parents: ['ROOT_ID'] };
  return layout;
}

function selectFilter(id: string, name: string, datasetId: number, column: string, chartIds: number[]) {
  return {
    id,
    name,
    filterType: 'filter_select',
    type: 'NATIVE_FILTER',
    targets: [{ datasetId, column: { name: column } }],
    defaultDataMask: { extraFormData: {}, filterState: {}, ownState: {} },
    controlValues: {
      enableEmptyFilter: false,
      multiSelect: true,
      searchAllOptions: false,
      inverseSelection: false,
    },
    cascadeParentIds: [],
    scope: { rootPath: ['ROOT_ID'], excluded: [] },
    chartsInScope: chartIds,
    tabsInScope: [],
    description: '',
  };
}

async function dashboard(client: SupersetClient, title: string, slug: string): Promise<number> {
  return create(
    client,
    '/api/v1/dashboard/',
    { dashboard_title: title, slug, published: true },
    `create dashboard ${title}`,
  );
}

async function finishDashboard(
  client: SupersetClient,
  id: number,
  layout: Layout,
  nativeFilters: unknown[],
): Promise<void> {
  await client.call({
    method: 'PUT',
    path: `/api/v1/dashboard/${id}`,
    json: {
      position_json: JSON.stringify(layout),
      json_metadata: JSON.stringify({
        native_filter_configuration: nativeFilters,
        color_scheme: 'supersetColors',
        refresh_frequency: 0,
      }),
    },
    action: 'lay out a dashboard',
  });
}

export async function seed(client: SupersetClient, examplesDbFile: string): Promise<void> {
  const database = await create(
    client,
    '/api/v1/database/',
    { database_name: 'examples', sqlalchemy_uri: `sqlite:///${examplesDbFile}`, expose_in_sqllab: true },
    'create the examples database',
  );
  const sales = await dataset(client, database, 'sales', ['order_date']);
  const customers = await dataset(client, database, 'customers', ['signup_date']);
  const traffic = await dataset(client, database, 'web_traffic', ['visit_date']);

  const salesDashboard = await dashboard(client, 'Sales Overview', 'sales-overview');
  const salesCreated = await charts(client, sales, salesDashboard, salesCharts());
  const salesIds = salesCreated.map((chart) => chart.id);
  await finishDashboard(
    client,
    salesDashboard,
    tabbedLayout('Sales Overview', [
      { label: 'Overview', charts: salesCreated.slice(0, 9) },
      { label: 'Products', charts: salesCreated.slice(9, 16) },
      { label: 'Distribution', charts: salesCreated.slice(16) },
    ]),
    [
      selectFilter('NATIVE_FILTER-region', 'Region', sales, 'region', salesIds),
      selectFilter('NATIVE_FILTER-category', 'Category', sales, 'category', salesIds),
      {
        id: 'NATIVE_FILTER-time',
        name: 'Order date',
        filterType: 'filter_time',
        type: 'NATIVE_FILTER',
        targets: [{}],
        defaultDataMask: { extraFormData: {}, filterState: {}, ownState: {} },
        controlValues: {},
        cascadeParentIds: [],
        scope: { rootPath: ['ROOT_ID'], excluded: [] },
        chartsInScope: salesIds,
        tabsInScope: [],
        description: '',
      },
    ],
  );

  const customersDashboard = await dashboard(client, 'Customers', 'customers');
  const customerCharts = await charts(client, customers, customersDashboard, [
    { name: 'Customers', viz: 'big_number_total', params: { metric: COUNT, time_range: 'No filter' } },
    { name: 'Customers by segment', viz: 'pie', params: { groupby: ['segment'], metric: COUNT } },
    {
      name: 'Lifetime value by country',
      viz: 'table',
      params: { query_mode: 'aggregate', groupby: ['country'], metrics: [sum('lifetime_value')] },
    },
    {
      name: 'Signups per month',
      viz: 'echarts_timeseries_bar',
      params: { x_axis: 'signup_date', time_grain_sqla: 'P1M', metrics: [COUNT], time_range: 'No filter' },
    },
  ]);
  await finishDashboard(client, customersDashboard, gridLayout('Customers', customerCharts), [
    selectFilter(
      'NATIVE_FILTER-segment',
      'Segment',
      customers,
      'segment',
      customerCharts.map((chart) => chart.id),
    ),
  ]);

  const trafficDashboard = await dashboard(client, 'Web Traffic', 'web-traffic');
  const trafficCharts = await charts(client, traffic, trafficDashboard, [
    { name: 'Visits', viz: 'big_number_total', params: { metric: sum('visits'), time_range: 'No filter' } },
    {
      name: 'Visits by channel',
      viz: 'echarts_timeseries_line',
      params: {
        x_axis: 'visit_date',
        time_grain_sqla: 'P1W',
        metrics: [sum('visits')],
        groupby: ['channel'],
        time_range: 'No filter',
      },
    },
    { name: 'Device split', viz: 'pie', params: { groupby: ['device'], metric: sum('visits') } },
  ]);
  await finishDashboard(client, trafficDashboard, gridLayout('Web Traffic', trafficCharts), []);
}

/** How many extra dashboards are created at once: the Superset client lets 8 requests through per instance. */
const EXTRA_AT_ONCE = 8;

/** Adds small dashboards named `Extra dashboard NNN` until there are `count` of them, several at a time. */
export async function ensureExtraDashboards(client: SupersetClient, count: number): Promise<void> {
  if (count <= 0) return;
  const Listed = z.object({ count: z.number() });
  const q = "(filters:!((col:dashboard_title,opr:title_or_slug,value:'Extra dashboard')),page_size:1)";
  const existing = (
    await client.json({ path: '/api/v1/dashboard/', query: { q }, action: 'count extra dashboards' }, Listed)
  ).count;
  let next = existing + 1;
  const worker = async () => {
    for (let i = next++; i <= count; i = next++) {
      const label = String(i).padStart(3, '0');
      await create(
        client,
        '/api/v1/dashboard/',
        { dashboard_title: `Extra dashboard ${label}`, slug: `extra-${label}` },
        'create an extra dashboard',
      );
    }
  };
  await Promise.all(Array.from({ length: EXTRA_AT_ONCE }, worker));
}
