// Removing from a target what a deploy created and nothing else uses: after a rollback, and after a failed
// import (Superset's import is not one transaction: a database it created stays when a dataset fails).
import type { PlanItem } from '@superset-git/contracts';
import { z } from 'zod';
import { SupersetError } from '../superset-error.ts';
import type { SupersetClient } from '../superset-client.ts';
import { lookupIds } from '../object-ids.ts';
import { chartsByUuid, deleteChart } from './target-api.ts';

export type CleanupLog = (line: string, level?: 'info' | 'warn') => void;

/** Charts no dashboard on the target uses any more are deleted; the ones still in use are kept and named. */
export async function deleteUnusedCharts(
  client: SupersetClient,
  charts: Pick<PlanItem, 'uuid' | 'name'>[],
  log: CleanupLog,
): Promise<void> {
  if (charts.length === 0) return;
  const onTarget = await chartsByUuid(
    client,
    charts.map((item) => item.uuid),
  );
  for (const item of charts) {
    const chart = onTarget.get(item.uuid);
    if (!chart) continue;
    if (chart.dashboards.length > 0) {
      log(`Kept chart '${item.name}': dashboards on the target use it`, 'warn');
      continue;
    }
    await deleteChart(client, chart.id);
    log(`Deleted chart '${item.name}' from the target`);
  }
}

async function deleteIfUnused(
  client: SupersetClient,
  kind: 'dataset' | 'database',
  items: PlanItem[],
  log: CleanupLog,
): Promise<void> {
  const ids = await lookupIds(
    client,
    kind,
    items.map((item) => item.uuid),
  );
  for (const item of items) {
    const id = ids.get(item.uuid);
    if (id === undefined) continue;
    if (kind === 'dataset') {
      const related = await client.json(
        { path: `/api/v1/dataset/${id}/related_objects`, action: 'find what uses a dataset' },
        z.object({ charts: z.object({ count: z.number() }) }),
      );
      if (related.charts.count > 0) {
        log(`Kept dataset '${item.name}': charts on the target use it`, 'warn');
        continue;
      }
    }
    try {
      await client.call({ method: 'DELETE', path: `/api/v1/${kind}/${id}`, action: `delete a ${kind}` });
      log(`Deleted ${kind} '${item.name}' from the target`);
    } catch (error) {
      // Superset refuses to delete a database that still has datasets.
      if (!(error instanceof SupersetError) || error.status !== 422) throw error;
      log(`Kept ${kind} '${item.name}': ${error.message}`, 'warn');
    }
  }
}

/** Deletes what the plan created (charts, then datasets, then databases), keeping anything still in use. */
export async function removeCreated(
  client: SupersetClient,
  items: PlanItem[],
  log: CleanupLog,
): Promise<void> {
  const created = (type: PlanItem['objectType']) =>
    items.filter((item) => item.objectType === type && item.action === 'create');
  await deleteUnusedCharts(client, created('chart'), log);
  await deleteIfUnused(client, 'dataset', created('dataset'), log);
  await deleteIfUnused(client, 'database', created('database'), log);
}
