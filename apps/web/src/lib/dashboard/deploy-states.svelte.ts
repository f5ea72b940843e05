// A hub page's deploy state, read in one request for all its dashboards whose repository syncs from another
// environment: which version is live here and what was edited here since.
import type { DashboardDeployState } from '$lib/api/types';
import { call, client, messageOf } from '$lib/api/client';

export class DeployStates {
  byUuid = $state<Record<string, DashboardDeployState>>({});
  error = $state('');
  #asked = 0;

  async load(environmentId: number, uuids: string[]): Promise<void> {
    const asked = ++this.#asked;
    if (uuids.length === 0) {
      this.byUuid = {};
      return;
    }
    try {
      const answer = await call(
        client.GET('/api/environments/{id}/deploy-state', {
          params: { path: { id: environmentId }, query: { dashboards: uuids.join(',') } },
        }),
      );
      if (asked !== this.#asked) return;
      this.byUuid = Object.fromEntries(answer.items.map((item) => [item.dashboardUuid, item]));
      this.error = '';
    } catch (caught) {
      if (asked === this.#asked) this.error = messageOf(caught);
    }
  }

  of(uuid: string | null): DashboardDeployState | null {
    return uuid ? (this.byUuid[uuid] ?? null) : null;
  }
}
