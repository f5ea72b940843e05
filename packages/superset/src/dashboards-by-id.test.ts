// The stream of dashboards by id when Superset's answers go wrong: a real Superset answers windows of ids right
// (superset-client.superset.test.ts), so these answers are scripted, in the shape Superset gives them.
import { describe, expect, it } from 'vitest';
import { dashboardsById, type DashboardIdWindow } from './dashboards-by-id.ts';
import type { SupersetClient } from './superset-client.ts';

const row = (id: number) => ({ id, uuid: `uuid-${id}`, dashboard_title: `Dashboard ${id}` });

/** Dashboards 1..total, listed as Superset lists them; `spoil` may change one answer's rows. */
function superset(total: number, spoil: (rows: number[], gt: number) => number[] = (rows) => rows) {
  const ids = Array.from({ length: total }, (_, index) => index + 1);
  const json = async ({ query }: { query: { q: string } }) => {
    const gt = Number(/opr:gt,value:(\d+)/.exec(query.q)?.[1] ?? -1);
    const lt = Number(/opr:lt,value:(\d+)/.exec(query.q)?.[1] ?? Infinity);
    const page = Number(/page:(\d+)/.exec(query.q)?.[1] ?? 0);
    const matching = ids.filter((id) => id > gt && id < lt);
    const rows = matching.slice(page * 100, page * 100 + 100);
    return { count: matching.length, result: (gt >= 0 && lt !== Infinity ? spoil(rows, gt) : rows).map(row) };
  };
  return { json } as unknown as SupersetClient;
}

async function all(client: SupersetClient) {
  const windows: DashboardIdWindow[] = [];
  for await (const window of dashboardsById(client)) windows.push(window);
  return windows;
}

describe('dashboards by id, when Superset answers a window wrong', () => {
  it('hands over each dashboard once when an answer repeats one and leaves another out', async () => {
    // The window of ids 101..200 answers 149 twice and no 150.
    const windows = await all(
      superset(250, (rows, gt) => (gt === 100 ? rows.map((id) => (id === 150 ? 149 : id)) : rows)),
    );
    const ids = windows.flatMap((window) => window.dashboards.map((dashboard) => dashboard.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: 250 }, (_, index) => index + 1));
    expect(windows.find((window) => window.repeated)?.repeated).toBe(1);
    expect(windows.at(-1)).toMatchObject({ unseen: true, dashboards: [{ id: 150 }], expected: 250 });
  });

  it('adds nothing when every answer was right', async () => {
    const windows = await all(superset(250));
    expect(windows.some((window) => window.unseen || window.repeated)).toBe(false);
    expect(windows.flatMap((window) => window.dashboards)).toHaveLength(250);
  });
});
