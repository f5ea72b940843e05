// Fetches a dashboard's repository from its git server now and then, so behind counts are true without a pull:
// at most once per interval per repository, one fetch at a time each, and a failure only remembered and shown
// (offline work goes on as before; nothing local changes when the server cannot be reached).
import type { RemoteFetchState } from '@superset-git/contracts';
import { fetchInBackground, GitError } from '@superset-git/git';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';

interface FetchEntry {
  fetchedAt: string | null;
  movedAt: string | null;
  error: string | null;
  lastTry: number;
  running: Promise<void> | null;
}

export class BackgroundFetchService {
  private readonly entries = new Map<string, FetchEntry>();

  constructor(
    private readonly repos: DashboardReposService,
    private readonly options: { minIntervalMs: number; timeoutMs: number },
  ) {}

  /** Fetches unless one ran within the interval (then answers how that one went); waits for a running fetch. */
  async fetch(uuid: string): Promise<RemoteFetchState> {
    const { row, repo } = await this.repos.open(uuid);
    if (!row.remoteUrl)
      return { server: null, fetchedAt: null, movedAt: null, error: null, nextFetchAt: null };
    const server = hostOf(row.remoteUrl);
    let entry = this.entries.get(uuid);
    if (!entry)
      this.entries.set(
        uuid,
        (entry = { fetchedAt: null, movedAt: null, error: null, lastTry: 0, running: null }),
      );
    const current = entry;
    if (!current.running && Date.now() - current.lastTry >= this.options.minIntervalMs) {
      current.lastTry = Date.now();
      current.running = fetchInBackground(repo, {
        credentials: await this.repos.credentials(row),
        timeoutMs: this.options.timeoutMs,
      })
        .then(
          ({ moved }) => {
            current.fetchedAt = new Date().toISOString();
            if (moved) current.movedAt = current.fetchedAt;
            current.error = null;
          },
          (error: unknown) => {
            current.error =
              error instanceof GitError ? error.message : 'the fetch failed for an unexpected reason.';
          },
        )
        .finally(() => {
          current.running = null;
        });
    }
    if (current.running) await current.running;
    return {
      server,
      fetchedAt: current.fetchedAt,
      movedAt: current.movedAt,
      error: current.error,
      nextFetchAt: new Date(current.lastTry + this.options.minIntervalMs).toISOString(),
    };
  }
}

/** The server's host, as messages name it; the stored URL never carries credentials. */
function hostOf(url: string): string {
  try {
    return new URL(url).host || 'the git server';
  } catch {
    return 'the git server';
  }
}
