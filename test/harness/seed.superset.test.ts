// The harness's Superset holds what the suite and the demo promise: a rich dashboard with tabs,
// native filters and 20+ charts of several kinds, plus two smaller ones, over an examples database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SupersetClient } from '@superset-git/superset';
import { supersetDev } from '../superset-instances.ts';

describe('seeded Superset (harness)', () => {
  let client: SupersetClient;
  beforeAll(() => {
    const info = supersetDev();
    client = new SupersetClient({
      url: info.url,
      username: info.username,
      password: info.password,
      provider: 'db',
      verifyTls: true,
    });
  });
  afterAll(() => client.close());

  it('has Sales Overview with tabs, native filters and over twenty charts of several viz types', async () => {
    const dashboard = await client.json(
      { path: '/api/v1/dashboard/sales-overview', action: 'read a dashboard' },
      z.object({ result: z.object({ position_json: z.string(), json_metadata: z.string() }) }),
    );
    const layout = JSON.parse(dashboard.result.position_json) as Record<string, { type?: string }>;
    expect(Object.values(layout).filter((node) => node.type === 'TAB')).toHaveLength(3);
    const metadata = JSON.parse(dashboard.result.json_metadata) as {
      native_filter_configuration: Array<{ filterType: string }>;
    };
    expect(metadata.native_filter_configuration.map((filter) => filter.filterType)).toEqual(
      expect.arrayContaining(['filter_select', 'filter_time']),
    );
    const charts = await client.json(
      { path: '/api/v1/dashboard/sales-overview/charts', action: 'list charts' },
      z.object({ result: z.array(z.object({ form_data: z.object({ viz_type: z.string() }) })) }),
    );
    expect(charts.result.length).toBeGreaterThanOrEqual(20);
    expect(new Set(charts.result.map((chart) => chart.form_data.viz_type)).size).toBeGreaterThanOrEqual(8);
  });

  it('has the examples database with three datasets, and the Customers and Web Traffic dashboards', async () => {
    const datasets = await client.json(
      { path: '/api/v1/dataset/', action: 'list datasets' },
      z.object({
        result: z.array(
          z.object({ table_name: z.string(), database: z.object({ database_name: z.string() }) }),
        ),
      }),
    );
    expect(
      datasets.result.map((dataset) => `${dataset.database.database_name}.${dataset.table_name}`).sort(),
    ).toEqual(['examples.customers', 'examples.sales', 'examples.web_traffic']);
    for (const slug of ['customers', 'web-traffic']) {
      const charts = await client.json(
        { path: `/api/v1/dashboard/${slug}/charts`, action: 'list charts' },
        z.object({ result: z.array(z.unknown()) }),
      );
      expect(charts.result.length, slug).toBeGreaterThanOrEqual(3);
    }
  });
});
