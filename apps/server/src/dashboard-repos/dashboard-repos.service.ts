// A dashboard's repository: connect (init, attach an empty remote, clone), disconnect, status by object, commit
// as the signed-in user, and `open` for the other features. Syncing and remote work live in dashboard-sync/,
// branches in branches/, history in dashboard-history/.
import fs from 'node:fs';
import path from 'node:path';
import type {
  CommitRequest,
  DashboardRepo,
  DashboardRepoStatus,
  GitPerson,
  ObjectChange,
  RepoConnect,
  StatusFile,
  User,
} from '@superset-git/contracts';
import {
  clearLocksLeftByCrash,
  locksLeftByCrash,
  cloneRepository,
  commit,
  fileAtRef,
  initRepository,
  openRepo,
  parseRemoteUrl,
  setRemote,
  stage,
  status,
  statusWithHead,
  type GitCredentials,
  type Repo,
  type WriteGuard,
} from '@superset-git/git';
import {
  dashboardIdOf,
  GITATTRIBUTES_FILE,
  GITATTRIBUTES_TEXT,
  objectNameOf,
  parseBundleYaml,
  writeMergeAttributes,
  type NameLookup,
} from '@superset-git/superset';
import { describe, textOf, workTreeNames, workTreeText } from '../dashboard-history/change-meaning.ts';
import { commitAuthors, committedObjects, withCoAuthors } from './commit-authors.ts';
import { forgetSyncEditors, readSyncEditors } from './sync-editors.ts';
import { AppError } from '../http/app-error.ts';
import { createOnServer } from '../dashboard-remote/remote-target.ts';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import { gitCredentials } from '../git-servers/git-server-connection.ts';
import type { GitServersService } from '../git-servers/git-servers.service.ts';
import type { DashboardRepoRow, DashboardReposStore } from './dashboard-repos.store.ts';
import { FOLDER_ID_FILE } from './repos-folder-id.ts';

export const authorOf = (user: User): GitPerson => ({
  name: user.name || user.username,
  email: user.email || `${user.username}@superset-git.local`,
});

export class DashboardReposService {
  private readonly cloning = new Map<string, Promise<void>>();

  constructor(
    private readonly store: DashboardReposStore,
    private readonly servers: GitServersService,
    private readonly environments: PluginEnvironments,
    private readonly reposDir: string,
    /** Around every git write: one at a time per repository across servers (repo-write-lock.ts). */
    private readonly writeGuard: WriteGuard,
  ) {}

  /** The repository of a row already read (no second read of the database). */
  repoOf(row: Pick<DashboardRepoRow, 'dashboardUuid'>): Repo {
    return openRepo(this.dir(row.dashboardUuid)).guardWrites(this.writeGuard);
  }

  dir(uuid: string): string {
    return path.join(this.reposDir, uuid);
  }

  /**
   * Clears the git lock files a crash of the previous run left in the repositories; answers where. Each inside the
   * write guard: a server sharing the folder may be writing there right now, its lock files younger than its git.
   */
  async clearLocksLeftByCrash(): Promise<Array<{ uuid: string; locks: string[] }>> {
    if (!fs.existsSync(this.reposDir)) return [];
    const cleared: Array<{ uuid: string; locks: string[] }> = [];
    for (const uuid of fs.readdirSync(this.reposDir)) {
      if (uuid === FOLDER_ID_FILE) continue;
      const dir = this.dir(uuid);
      if (locksLeftByCrash(dir).length === 0) continue;
      const locks = await this.writeGuard(dir, 'write', () => Promise.resolve(clearLocksLeftByCrash(dir)));
      if (locks.length > 0) cleared.push({ uuid, locks });
    }
    return cleared;
  }

  /**
   * The connected repository of a dashboard; 404 when it has none. Several servers share one database, each with
   * its own data dir: a dashboard connected through another server is cloned here from its remote at first use.
   */
  async open(uuid: string): Promise<{ row: DashboardRepoRow; repo: Repo }> {
    const row = await this.store.byUuid(uuid);
    if (!row) throw new AppError('NOT_FOUND', `Dashboard ${uuid} is not connected to git yet.`);
    const dir = this.dir(uuid);
    if (!fs.existsSync(path.join(dir, '.git'))) await this.cloneHere(row);
    return { row, repo: this.repoOf(row) };
  }

  /** Clones a repository connected through another server; one clone at a time per dashboard. */
  private cloneHere(row: DashboardRepoRow): Promise<void> {
    const uuid = row.dashboardUuid;
    let cloning = this.cloning.get(uuid);
    if (!cloning) {
      cloning = (async () => {
        if (!row.remoteUrl)
          throw new AppError(
            'CONFLICT',
            `The repository of dashboard ${uuid} is on another server and has no remote to clone it from here: ` +
              'use the server it was connected on, or give it a remote there and push.',
          );
        const dir = this.dir(uuid);
        fs.rmSync(dir, { recursive: true, force: true });
        try {
          await cloneRepository({ url: row.remoteUrl, dir, credentials: await this.credentials(row) });
        } catch (error) {
          fs.rmSync(dir, { recursive: true, force: true });
          throw error;
        }
      })().finally(() => this.cloning.delete(uuid));
      this.cloning.set(uuid, cloning);
    }
    return cloning;
  }

  async credentials(row: Pick<DashboardRepoRow, 'gitServerId'>): Promise<GitCredentials | null> {
    if (row.gitServerId === null) return null;
    return gitCredentials(await this.servers.connection(row.gitServerId), null);
  }

  async connect(uuid: string, input: RepoConnect, user: User): Promise<DashboardRepo> {
    if (await this.store.byUuid(uuid))
      throw new AppError('CONFLICT', 'This dashboard is already connected to a repository.');
    await this.environments.get(input.environmentId);
    // The dashboard must exist where it will be synced from.
    await dashboardIdOf(await this.environments.client(input.environmentId), uuid);
    const dir = this.dir(uuid);
    if (fs.existsSync(dir)) {
      throw new AppError(
        'CONFLICT',
        'A repository folder for this dashboard is left from an earlier connection; delete it or reconnect with clone.',
      );
    }
    let remoteUrl: string | null = null;
    const credentials = input.gitServerId
      ? gitCredentials(await this.servers.connection(input.gitServerId), null)
      : null;
    let mode = input.mode;
    if (input.createRemote) {
      if (mode !== 'init' || input.remoteUrl)
        throw new AppError(
          'VALIDATION',
          'A remote is created only for a new repository (init), without a URL.',
          {
            createRemote: 'only with init',
          },
        );
      remoteUrl = await this.createRemote(input.gitServerId, input.createRemote, uuid);
      mode = 'attach';
    } else if (mode !== 'init' || input.remoteUrl) {
      if (!input.remoteUrl)
        throw new AppError('VALIDATION', 'Give the repository URL.', { remoteUrl: 'required' });
      if (!input.gitServerId)
        throw new AppError('VALIDATION', 'Choose the git server that holds the token for this repository.', {
          gitServerId: 'required',
        });
      remoteUrl = parseRemoteUrl(input.remoteUrl).url;
    }
    const author = authorOf(user);
    try {
      if (mode === 'init') {
        const repo = await initRepository(dir, {
          author,
          files: { [GITATTRIBUTES_FILE]: GITATTRIBUTES_TEXT },
        });
        if (remoteUrl) await setRemote(repo, { url: remoteUrl });
      } else {
        const { repo, empty } = await cloneRepository({ url: remoteUrl!, dir, credentials });
        if (mode === 'attach' && !empty) {
          throw new AppError('CONFLICT', 'That remote already holds commits; connect it with clone instead.');
        }
        if (mode === 'clone') await this.assertHoldsDashboard(repo, uuid);
        if (empty) {
          // An empty remote gets a first commit, so branches and history work from the start.
          fs.writeFileSync(
            path.join(dir, 'README.md'),
            `# Superset dashboard ${uuid}\n\nKept in git by superset-git.\n`,
          );
          writeMergeAttributes(dir);
          await stage(repo, ['README.md', GITATTRIBUTES_FILE]);
          await commit(repo, { message: 'Initialize repository', author });
        }
      }
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return this.view(
      await this.store.insert({
        dashboardUuid: uuid,
        environmentId: input.environmentId,
        gitServerId: input.gitServerId ?? null,
        remoteUrl,
      }),
    );
  }

  /** Creates the repository on the git server (provider API, or a plain server that can); answers its clone URL. */
  private async createRemote(
    gitServerId: number | undefined,
    options: NonNullable<RepoConnect['createRemote']>,
    uuid: string,
  ): Promise<string> {
    if (!gitServerId)
      throw new AppError('VALIDATION', 'Choose the git server to create the repository on.', {
        gitServerId: 'required',
      });
    return createOnServer(await this.servers.connection(gitServerId), {
      repository: options.name,
      owner: options.owner ?? null,
      private: options.private,
      description: `Superset dashboard ${uuid}, kept in git by superset-git`,
    });
  }

  private async assertHoldsDashboard(repo: Repo, uuid: string): Promise<void> {
    const file = await fileAtRef(repo, { path: 'dashboard.yaml', ref: 'HEAD' }).catch(() => null);
    if (!file)
      throw new AppError('CONFLICT', 'That repository holds no dashboard.yaml; use attach for an empty one.');
    const held = parseBundleYaml(file.content.toString('utf8'), 'dashboard.yaml').uuid;
    if (held !== uuid)
      throw new AppError(
        'CONFLICT',
        `That repository holds another dashboard (${String(held)}); nothing was connected.`,
      );
  }

  async disconnect(uuid: string, options: { deleteRepository: boolean }): Promise<void> {
    await this.open(uuid);
    await this.store.delete(uuid);
    if (options.deleteRepository) fs.rmSync(this.dir(uuid), { recursive: true, force: true });
  }

  async get(uuid: string): Promise<DashboardRepo> {
    return this.view((await this.open(uuid)).row);
  }

  async status(uuid: string): Promise<DashboardRepoStatus> {
    const { row, repo } = await this.open(uuid);
    // One turn of the repository's queue: under load, each extra turn waits behind every write queued meanwhile.
    const { status: git, head } = await statusWithHead(repo);
    const names = git.files.some((file) => file.path === 'dashboard.yaml')
      ? workTreeNames(repo, head)
      : undefined;
    const changes = git.files.map((file) => this.objectChange(repo, file, head, names));
    return { repo: this.view(row), git, changes };
  }

  private objectChange(
    repo: Repo,
    file: StatusFile,
    head: Map<string, Buffer>,
    names: NameLookup | undefined,
  ): ObjectChange {
    const kind = file.conflict
      ? 'conflicted'
      : (file.unstaged ?? file.staged ?? (file.untracked ? 'added' : 'modified'));
    const changeType = kind === 'copied' || kind === 'type-changed' ? 'modified' : kind;
    const after = workTreeText(repo, file.path);
    const before =
      file.untracked || changeType === 'added' ? null : textOf(head.get(file.originalPath ?? file.path));
    return {
      path: file.path,
      changeType,
      ...describe(file.path, before, after, names),
      staged: file.staged !== null && file.unstaged === null,
    };
  }

  /**
   * Work-tree changes come from a sync, so they are authored by the Superset users who made them and committed
   * by `user`; the result of a merge is the user's own work.
   */
  async commit(uuid: string, input: CommitRequest, user: User): Promise<string> {
    const { repo } = await this.open(uuid);
    const committer = authorOf(user);
    const before = await status(repo);
    const objects = before.merging ? [] : committedObjects(repo.path, before.files, input.paths);
    const { author, coAuthors } = commitAuthors(readSyncEditors(repo), objects, committer);
    const sha = await commit(repo, {
      message: withCoAuthors(input.message, coAuthors),
      author,
      committer,
      stage: input.paths ?? 'all',
    });
    forgetSyncEditors(
      repo,
      objects.map((object) => object.uuid),
    );
    return sha;
  }

  async touchSync(uuid: string): Promise<void> {
    await this.store.setLastSync(uuid, new Date().toISOString());
  }

  /** Whether any dashboard's repository syncs from the environment. */
  async anySyncFrom(environmentId: number): Promise<boolean> {
    return await this.store.anyIn(environmentId);
  }

  async rowsFor(uuids: string[]): Promise<DashboardRepoRow[]> {
    return await this.store.byUuids(uuids);
  }

  /** How many of an environment's repositories were synced at or after `since` (an ISO time). */
  async syncedSince(environmentId: number, since: string): Promise<number> {
    return await this.store.countSyncedSince(environmentId, since);
  }

  /** How tasks name the dashboard: its title in quotes, or its uuid before the first sync. */
  async label(uuid: string): Promise<string> {
    const row = await this.store.byUuid(uuid);
    const title = row ? this.view(row).title : null;
    return title ? `'${title}'` : `dashboard ${uuid}`;
  }

  view(row: DashboardRepoRow): DashboardRepo {
    const dashboardFile = path.join(this.dir(row.dashboardUuid), 'dashboard.yaml');
    const text = fs.existsSync(dashboardFile) ? fs.readFileSync(dashboardFile, 'utf8') : null;
    return {
      dashboardUuid: row.dashboardUuid,
      title: text === null ? null : objectNameOf('dashboard.yaml', text),
      environmentId: row.environmentId,
      gitServerId: row.gitServerId,
      remoteUrl: row.remoteUrl,
      lastSyncAt: row.lastSyncAt,
      createdAt: row.createdAt,
    };
  }
}
