// The dashboard hub: Superset's dashboards of an environment joined with their git status.
import type { DashboardListQuery, DashboardPage, DashboardSummary } from '@superset-git/contracts';
import { listDashboardsWindow, type SupersetDashboard } from '@superset-git/superset';
import type { EnvironmentsService } from '../environments/environments.service.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';

export class DashboardHubService {
  constructor(
    private readonly environments: EnvironmentsService,
    private readonly plugins: PluginHost,
  ) {}

  async list(environmentId: number, query: DashboardListQuery): Promise<DashboardPage> {
    const environment = await this.environments.get(environmentId);
    const client = await this.environments.client(environmentId);
    // Started first: what the git column asks Superset needs no row of the page, so it goes with the listing.
    const statusOf = this.plugins.dashboardStatus(environmentId);
    const window = await listDashboardsWindow(client, {
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
      ...(query.search ? { search: query.search } : {}),
    });
    const status = await statusOf(
      window.result.flatMap((row) =>
        row.uuid ? [{ uuid: row.uuid, changedOn: row.changed_on_utc ?? null }] : [],
      ),
    );
    return {
      items: window.result.map((row) =>
        summary(row, environment.url, row.uuid ? (status.get(row.uuid) ?? null) : null),
      ),
      total: window.count,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}

function summary(row: SupersetDashboard, baseUrl: string, git: DashboardSummary['git']): DashboardSummary {
  const path = row.url ?? `/superset/dashboard/${row.slug ?? row.id}/`;
  return {
    id: row.id,
    uuid: row.uuid ?? null,
    title: row.dashboard_title ?? `Dashboard ${row.id}`,
    slug: row.slug ?? null,
    owners: (row.owners ?? []).map(
      (owner) =>
        [owner.first_name, owner.last_name].filter(Boolean).join(' ') ||
        owner.username ||
        owner.email ||
        'unknown',
    ),
    published: row.published ?? false,
    changedOn: row.changed_on_utc ?? null,
    url: baseUrl + path,
    git,
  };
}
