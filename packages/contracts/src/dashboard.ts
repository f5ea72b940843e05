// Dashboards of an environment as the hub lists them.
import { z } from 'zod';

export const DashboardListQuery = z.object({
  search: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
});
export type DashboardListQuery = z.infer<typeof DashboardListQuery>;

/** Git state of a dashboard's repository; null until it is connected to one. */
export const DashboardGitStatus = z
  .object({
    branch: z.string(),
    clean: z.boolean(),
    ahead: z.number().int(),
    behind: z.number().int(),
    lastSyncAt: z.iso.datetime().nullable(),
    /** Whether Superset holds edits the repository has not synced; null when it could not be told cheaply. */
    supersetEdited: z.boolean().nullable().optional(),
  })
  .meta({ id: 'DashboardGitStatus' });
export type DashboardGitStatus = z.infer<typeof DashboardGitStatus>;

export const DashboardSummary = z
  .object({
    id: z.number().int(),
    uuid: z.string().nullable(),
    title: z.string(),
    slug: z.string().nullable(),
    owners: z.array(z.string()),
    published: z.boolean(),
    changedOn: z.string().nullable(),
    /** Where to open it in Superset. */
    url: z.string(),
    git: DashboardGitStatus.nullable(),
  })
  .meta({ id: 'DashboardSummary' });
export type DashboardSummary = z.infer<typeof DashboardSummary>;

export const DashboardPage = z
  .object({
    items: z.array(DashboardSummary),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'DashboardPage' });
export type DashboardPage = z.infer<typeof DashboardPage>;
