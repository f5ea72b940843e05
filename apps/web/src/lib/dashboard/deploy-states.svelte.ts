// A hub page's deploy state, read in one request for all its dashboards whose repository syncs from another
// environment: which version is live here and what was edited here since.
import type { DashboardDeployState } from '$lib/api/types';
import { call, client, messageOf } from '$lib/api/client';

const PER_REQUEST = 100;

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
    // The API takes 100 dashboards a request (a URL of 500 uuids would pass the server's limit on its head).
    const parts: string[][] = [];
    for (let start = 0; start < uuids.length; start += PER_REQUEST)
      parts.push(uuids.slice(start, start + PER_REQUEST));
    try {
      const answers = await Promise.all(
        parts.map((part) =>
          call(
            client.GET('/api/environments/{id}/deploy-state', {
              params: { path: { id: environmentId }, query: { dashboards: part.join(',') } },
            }),
          ),
        ),
      );
      if (asked !== this.#asked) return;
      this.byUuid = Object.fromEntries(
        answers.flatMap((answer) => answer.items).map((item) => [item.dashboardUuid, item]),
      );
      this.error = '';
    } catch (caught) {
      if (asked === this.#asked) this.error = messageOf(caught);
    }
  }

  /** Reads one dashboard's state again (after an adopt or a put back), leaving the others as they are. */
  async refresh(environmentId: number, uuid: string): Promise<void> {
    try {
      const answer = await call(
        client.GET('/api/environments/{id}/deploy-state', {
          params: { path: { id: environmentId }, query: { dashboards: uuid } },
        }),
      );
      const item = answer.items.find((entry) => entry.dashboardUuid === uuid);
      if (item) this.byUuid = { ...this.byUuid, [uuid]: item };
    } catch (caught) {
      this.error = messageOf(caught);
    }
  }

  of(uuid: string | null): DashboardDeployState | null {
    return uuid ? (this.byUuid[uuid] ?? null) : null;
  }
}
