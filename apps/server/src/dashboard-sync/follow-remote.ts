// A server whose clones follow their dashboards' remotes (`followRemote`, for servers with a repositories folder
// each): before a sync the clone takes what the remote gained, so the sync shows only Superset's own edits against
// the newest commit any server made; after a commit it is pushed, so the others get it. Neither ever loses work
// nor stops it: a clone that cannot move, or a remote that cannot be reached, is said in the task's log and the
// work goes on on this server's copy.
import { catchUp, push, type Repo } from '@superset-git/git';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import type { DashboardRepoRow } from '../dashboard-repos/dashboard-repos.store.ts';
import { messageOf } from '../error-causes.ts';

type Say = (message: string, level?: 'info' | 'warn') => void;

export class RemoteFollower {
  constructor(
    private readonly repos: DashboardReposService,
    readonly enabled: boolean,
  ) {}

  /** Whether this dashboard's clone follows a remote here. */
  follows(row: DashboardRepoRow): boolean {
    return this.enabled && row.remoteUrl !== null;
  }

  /**
   * The clone's current branch (or `branch`, before a switch to it) brought to the remote's before work, where
   * that loses nothing; the outcome said.
   */
  async catchUp(
    row: DashboardRepoRow,
    repo: Repo,
    say: Say = () => undefined,
    branch?: string,
  ): Promise<void> {
    if (!this.follows(row)) return;
    try {
      const credentials = await this.repos.credentials(row);
      const result = await catchUp(repo, { credentials, ...(branch ? { branch } : {}) });
      if (result.outcome === 'moved')
        say(
          `Took ${result.commits} commit(s) of '${result.branch}' from the remote (${result.from?.slice(0, 8) ?? 'no commit'} → ${result.to.slice(0, 8)})`,
        );
      else if (result.outcome === 'diverged')
        say(
          `This copy of '${result.branch}' has commits the remote lacks, and the remote ${result.behind} this copy lacks: working on this copy; pull to bring them together`,
          'warn',
        );
      else if (result.outcome === 'dirty')
        say(
          `The remote's '${result.branch}' is ${result.behind} commit(s) ahead, but this copy has uncommitted changes: working on them as they are; commit, then pull`,
          'warn',
        );
    } catch (error) {
      say(`Could not take the remote's commits (${messageOf(error)}): working on this server's copy`, 'warn');
    }
  }

  /** The branch pushed after a commit; a push that fails is said, and the commit stays here to push later. */
  async pushAfter(row: DashboardRepoRow, repo: Repo, say: Say = () => undefined): Promise<boolean> {
    if (!this.follows(row)) return false;
    try {
      const pushed = await push(repo, { credentials: await this.repos.credentials(row) });
      say(`Pushed '${pushed.branch}' (${pushed.head.slice(0, 8)}) to the remote`);
      return true;
    } catch (error) {
      say(
        `Not pushed (${messageOf(error)}): the commit is kept here; push it when the remote allows`,
        'warn',
      );
      return false;
    }
  }
}
