// Pull requests (merge requests on GitLab) of a dashboard's branches: a prefilled draft, opening one as a task
// (the branch is pushed first when the git server does not have all of it), and the list with states refreshed
// from the provider.
import type {
  PullRequest,
  PullRequestCreate,
  PullRequestDraft,
  PullRequestDraftQuery,
  PullRequestList,
  Task,
  User,
} from '@superset-git/contracts';
import { branchRef, commitsBetween, listBranches, push, type Repo } from '@superset-git/git';
import {
  openPullRequest,
  readPullRequest,
  type ProviderConnection,
  type ProviderKind,
} from '@superset-git/providers';
import { objectDifferences } from '@superset-git/superset';
import { commitTree } from '../dashboard-repos/tree-at.ts';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import type { GitServersService } from '../git-servers/git-servers.service.ts';
import { AppError } from '../http/app-error.ts';
import type { TaskRunner } from '../tasks/task-runner.ts';
import { draftBody, draftTitle, namedChanges } from './pull-request-draft.ts';
import { providerRepository } from './provider-repository.ts';
import type { PullRequestRow, PullRequestsStore } from './pull-requests.store.ts';

const PROVIDER_NAME: Record<ProviderKind, string> = { github: 'GitHub', gitlab: 'GitLab', gitea: 'Gitea' };

interface Hosting {
  connection: ProviderConnection;
  repository: string;
}

const view = (row: PullRequestRow): PullRequest => ({ ...row });

export class PullRequestsService {
  constructor(
    private readonly store: PullRequestsStore,
    private readonly repos: DashboardReposService,
    private readonly servers: GitServersService,
    private readonly tasks: TaskRunner,
  ) {}

  async draft(uuid: string, query: PullRequestDraftQuery): Promise<PullRequestDraft> {
    const { repo } = await this.repos.open(uuid);
    // A draft for a repository that can take no pull request would only lead to a refusal later.
    await this.hosting(uuid);
    this.assertTwoBranches(query.branch, query.base);
    const [baseRef, headRef] = await Promise.all([
      branchRef(repo, query.base, 'remote'),
      branchRef(repo, query.branch, 'local'),
    ]);
    const { commits, mergeBase } = await commitsBetween(repo, { base: baseRef, head: headRef, limit: 200 });
    const [before, after] = await Promise.all([
      mergeBase ? commitTree(repo, mergeBase) : null,
      commitTree(repo, headRef),
    ]);
    const changes = namedChanges(objectDifferences(before?.tree ?? new Map(), after.tree));
    const summaries = commits.map(({ oid, subject, author, authoredAt }) => ({
      oid,
      subject,
      author,
      authoredAt,
    }));
    const existing = await this.store.openFor(uuid, query.branch);
    return {
      branch: query.branch,
      base: query.base,
      title: draftTitle(query.branch, summaries),
      body: draftBody(summaries, changes),
      commits: summaries,
      existing: existing ? view(existing) : null,
    };
  }

  /** Every refusal a person can fix is answered now, not by a task that fails. */
  async startCreate(uuid: string, input: PullRequestCreate, user: User): Promise<Task> {
    const { row, repo } = await this.repos.open(uuid);
    const hosting = await this.hosting(uuid);
    this.assertTwoBranches(input.branch, input.base);
    const existing = await this.store.openFor(uuid, input.branch);
    if (existing)
      throw new AppError(
        'CONFLICT',
        `Branch '${input.branch}' already has an open pull request, #${existing.number}: ${existing.url}`,
        { url: existing.url, number: String(existing.number) },
      );
    const { commits } = await commitsBetween(repo, {
      base: await branchRef(repo, input.base, 'remote'),
      head: await branchRef(repo, input.branch, 'local'),
      limit: 1,
    });
    if (!commits.length)
      throw new AppError(
        'CONFLICT',
        `Nothing to propose: branch '${input.branch}' has no commits that '${input.base}' does not have.`,
      );
    const provider = PROVIDER_NAME[hosting.connection.provider];
    return await this.tasks.start(
      {
        kind: 'dashboard.pull-request',
        title: `Open a pull request from ${input.branch} into ${input.base} for ${await this.repos.label(uuid)}`,
        createdBy: user.id,
      },
      async (context) => {
        await this.pushIfNeeded(repo, input.branch, row, (line) => context.log(line));
        context.log(`Opening the pull request on ${provider} (${hosting.repository})…`);
        const opened = await openPullRequest(hosting.connection, {
          repository: hosting.repository,
          head: input.branch,
          base: input.base,
          title: input.title,
          body: input.body,
        });
        const stored = await this.store.insert({
          dashboardUuid: uuid,
          branch: input.branch,
          base: input.base,
          number: opened.number,
          url: opened.url,
          state: 'open',
          openedBy: user.username,
        });
        context.log(`Opened #${opened.number}: ${opened.url}`);
        return view(stored);
      },
    );
  }

  /** The open ones are read again from the provider; a failure keeps the stored states and says why. */
  async list(uuid: string): Promise<PullRequestList> {
    await this.repos.open(uuid);
    const rows = await this.store.list(uuid);
    let hosting: Hosting;
    try {
      hosting = await this.hosting(uuid);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const problem = rows.some((row) => row.state === 'open') ? error.message : null;
      return { items: rows.map(view), refreshProblem: problem, provider: null };
    }
    const problems: string[] = [];
    const refreshed = new Map<number, PullRequestRow>();
    await Promise.all(
      rows
        .filter((row) => row.state === 'open')
        .map(async (row) => {
          try {
            const now = await readPullRequest(
              { ...hosting.connection, timeoutMs: 5000 },
              { repository: hosting.repository, number: row.number },
            );
            if (now.state !== row.state) refreshed.set(row.id, await this.store.setState(row.id, now.state));
          } catch (error) {
            problems.push((error as Error).message);
          }
        }),
    );
    const { provider } = hosting.connection;
    return {
      items: rows.map((row) => view(refreshed.get(row.id) ?? row)),
      refreshProblem: problems.length
        ? `The states could not be read from ${PROVIDER_NAME[provider]}, so they are shown as last read: ${problems[0]}`
        : null,
      provider,
    };
  }

  private assertTwoBranches(branch: string, base: string): void {
    if (branch === base)
      throw new AppError(
        'VALIDATION',
        `A pull request proposes one branch for another: '${branch}' cannot be merged into itself; choose another base.`,
        { base: 'same as the branch' },
      );
  }

  /** The provider holding the dashboard's repository; a plain git server has no pull requests. */
  private async hosting(uuid: string): Promise<Hosting> {
    const { row } = await this.repos.open(uuid);
    if (row.gitServerId === null || !row.remoteUrl)
      throw new AppError(
        'VALIDATION',
        `${await this.repos.label(uuid)} has no repository on a git server yet; connect one on GitHub, GitLab or Gitea first.`,
      );
    const server = await this.servers.get(row.gitServerId);
    const connection = await this.servers.connection(row.gitServerId);
    if (connection.provider === 'generic')
      throw new AppError(
        'VALIDATION',
        `'${server.name}' is a plain git server: pull requests need GitHub, GitLab or Gitea.`,
      );
    return {
      connection: {
        provider: connection.provider,
        apiUrl: connection.url,
        token: connection.token,
        verifyTls: connection.verifyTls,
      },
      repository: providerRepository(row.remoteUrl, connection.url),
    };
  }

  /** A request is for the git server's branch: a local branch not there yet, or ahead of it, goes first. */
  private async pushIfNeeded(
    repo: Repo,
    branch: string,
    row: Parameters<DashboardReposService['credentials']>[0],
    log: (line: string) => void,
  ): Promise<void> {
    const local = (await listBranches(repo)).find((b) => b.kind === 'local' && b.name === branch);
    if (!local || (local.upstream && local.ahead === 0)) return;
    log(
      local.upstream
        ? `Pushing ${branch}: ${local.ahead} commit(s) are not on the git server yet…`
        : `Pushing ${branch}: it is not on the git server yet…`,
    );
    await push(repo, { branch, credentials: await this.repos.credentials(row), onProgress: log });
  }
}
