// A connected repository's remote: attach or change it (creating the repository when asked), or detach it. The
// remote is reached and its history checked before anything changes; the record keeps the server and the URL.
import type { DashboardRepo, RemoteSet, RemoteSetResult, User } from '@superset-git/contracts';
import { attachRemote, GitError, parseRemoteUrl, removeRemote } from '@superset-git/git';
import { AppError } from '../http/app-error.ts';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import type { DashboardReposStore } from '../dashboard-repos/dashboard-repos.store.ts';
import { gitCredentials } from '../git-servers/git-server-connection.ts';
import type { GitServersService } from '../git-servers/git-servers.service.ts';
import { createOnServer, repositoryUrl } from './remote-target.ts';

/** Who did what to which remote, for the server log (never a token: URLs are kept without credentials). */
export type RemoteAuditLog = (fields: Record<string, unknown>, message: string) => void;

export class DashboardRemoteService {
  constructor(
    private readonly repos: DashboardReposService,
    private readonly store: DashboardReposStore,
    private readonly servers: GitServersService,
    private readonly audit: RemoteAuditLog,
  ) {}

  async set(uuid: string, input: RemoteSet, user: User): Promise<RemoteSetResult> {
    const { repo } = await this.repos.open(uuid);
    const serverName = (await this.servers.get(input.gitServerId)).name;
    const server = await this.servers.connection(input.gitServerId);
    // A URL given as the repository may carry credentials; messages and logs name it without them.
    const shown = /^https?:\/\//i.test(input.repository)
      ? parseRemoteUrl(input.repository).url
      : input.repository;
    const what = `repository '${shown}' on ${serverName}`;
    const url = input.create
      ? await createOnServer(server, {
          repository: input.repository,
          owner: (await this.servers.get(input.gitServerId)).defaultOwner,
          description: `Superset dashboard ${uuid}, kept in git by superset-git`,
        }).catch((error: unknown) => {
          throw explained(error, what, 'was not created');
        })
      : repositoryUrl(server, input.repository);
    const attached = await attachRemote(repo, { url, credentials: gitCredentials(server, null) }).catch(
      (error: unknown) => {
        throw explained(error, what, 'was not attached');
      },
    );
    const row = await this.store.setRemote(uuid, { gitServerId: input.gitServerId, remoteUrl: attached.url });
    this.audit(
      {
        dashboard: uuid,
        user: user.username,
        gitServer: serverName,
        remoteUrl: attached.url,
        created: input.create,
      },
      'remote attached',
    );
    return { repo: this.repos.view(row), created: input.create, upstream: attached.upstream };
  }

  async remove(uuid: string, user: User): Promise<DashboardRepo> {
    const { row, repo } = await this.repos.open(uuid);
    if (!row.remoteUrl)
      throw new AppError('CONFLICT', `${await this.repos.label(uuid)} has no remote to detach.`);
    await removeRemote(repo);
    const updated = await this.store.setRemote(uuid, { gitServerId: null, remoteUrl: null });
    this.audit({ dashboard: uuid, user: user.username, remoteUrl: row.remoteUrl }, 'remote detached');
    return this.repos.view(updated);
  }
}

/** The git or provider failure, said about the repository the person named; everything else unchanged. */
function explained(error: unknown, what: string, outcome: string): unknown {
  if (!(error instanceof GitError)) return error;
  const said: Partial<Record<GitError['code'], string>> = {
    GIT_AUTH_FAILED: `The git server refused the token for the ${what}: check the token and that it may access this repository. Nothing was changed.`,
    GIT_NOT_FOUND: `The ${what} was not found; check its name and that the token can see it, or create it. Nothing was changed.`,
    GIT_REPO_EXISTS: `The ${what} already exists; attach it without creating it. Nothing was changed.`,
    GIT_REMOTE_UNREACHABLE: `${error.message} The ${what} ${outcome}; nothing was changed.`,
    GIT_UNRELATED_HISTORY: `The ${what} already holds history unrelated to this dashboard's repository, so it ${outcome} and nothing was changed. Attach an empty repository (or create one), or disconnect and connect again with clone to work on that repository's history.`,
    GIT_NOT_A_GIT_SERVER: `${error.message} The ${what} ${outcome}.`,
  };
  const message = said[error.code];
  return message ? new AppError(error.code, message, error.details) : error;
}
