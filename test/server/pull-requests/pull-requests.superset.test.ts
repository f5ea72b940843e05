// Pull requests of a dashboard's branches, opened on local servers answering as GitHub's, GitLab's and Gitea's REST
// docs say (the real APIs cannot be reached from the test machines), with the branch pushed to a real git server
// and the dashboard read from the real Superset (dev).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '@superset-git/api-client';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { bundleYaml, parseBundleYaml, type SupersetClient } from '@superset-git/superset';
import { supersetDev } from '../../superset-instances.ts';
import { apiOf, expectStatus, runTask } from '../../support/api.ts';
import {
  startProviderFake,
  type FakeKind,
  type FakeToken,
  type ProviderFake,
} from '../../support/provider-fakes.ts';
import { clientFor, dashboardUuid } from '../../support/superset-admin.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';

let server: TestServer;
let api: ApiClient;
let remote: GitRemote;
let superset: SupersetClient;
let environmentId: number;
const fakes: Partial<Record<FakeKind, ProviderFake>> = {};

/** A bare repository at `<owner>/<name>.git` on the real git server, the path a provider's clone URL has. */
function nestedRepository(full: string): string {
  const dir = path.join(remote.root, `${full}.git`);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
  return `${remote.url}/${full}.git`;
}

/** The dashboard (by slug) attached to `owner/name` on a git server of `kind`, with the fake knowing the repo. */
async function connect(
  slug: string,
  kind: FakeKind | 'generic',
  full: string,
  token: Partial<FakeToken> = {},
): Promise<string> {
  const uuid = await dashboardUuid(superset, slug);
  let url: string;
  if (kind === 'generic') url = remote.url;
  else {
    fakes[kind] = await startProviderFake(
      kind,
      {
        [remote.token]: {
          login: full.split('/')[0]!,
          scopes: kind === 'gitlab' ? ['api'] : kind === 'github' ? ['repo'] : null,
          ...token,
        },
      },
      { repositories: [full] },
    );
    url = fakes[kind].url;
  }
  const gitServer = await api.POST('/api/git/servers', {
    body: { name: `${kind} for ${slug}`, provider: kind, url, token: remote.token },
  });
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: { environmentId, mode: 'attach', gitServerId: gitServer.id, remoteUrl: nestedRepository(full) },
    }),
  );
  return uuid;
}

const workTree = (uuid: string) => path.join(server.dataDir, 'repos', uuid);

/** Edits every object file of a type in the server's work tree, as a sync of an edit in Superset would. */
function editObjects(uuid: string, folder: 'charts' | 'datasets', limit = 1): string[] {
  const dir = path.join(workTree(uuid), folder);
  const names: string[] = [];
  for (const file of fs.readdirSync(dir).sort().slice(0, limit)) {
    const value = parseBundleYaml(fs.readFileSync(path.join(dir, file), 'utf8'), file);
    value.description = `Edited for a pull request at ${Date.now()}`;
    fs.writeFileSync(path.join(dir, file), bundleYaml(value));
    names.push(String(value.slice_name ?? value.table_name));
  }
  return names;
}

async function newBranch(uuid: string, name: string): Promise<void> {
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/branches', { params: { path: { uuid } }, body: { name } }),
  );
  await expectStatus(
    200,
    api.raw.POST('/api/dashboards/{uuid}/switch', {
      params: { path: { uuid } },
      body: { branch: name, importIntoSuperset: false },
    }),
  );
}

const commitAll = (uuid: string, message: string) =>
  expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/commit', { params: { path: { uuid } }, body: { message } }),
  );

const openRequest = (uuid: string, body: { branch: string; base?: string; title: string; body?: string }) =>
  api.raw.POST('/api/dashboards/{uuid}/pull-requests', { params: { path: { uuid } }, body });

const listRequests = (uuid: string) =>
  expectStatus(200, api.raw.GET('/api/dashboards/{uuid}/pull-requests', { params: { path: { uuid } } }));

beforeAll(async () => {
  const dev = supersetDev();
  superset = clientFor(dev);
  remote = await startGitRemote();
  server = await startTestServer();
  api = apiOf(server, await login(server));
  const environment = await api.POST('/api/environments', {
    body: { name: 'dev', url: dev.url, username: dev.username, password: dev.password },
  });
  environmentId = environment.id;
}, 120_000);
afterAll(async () => {
  await Promise.all([
    server?.close(),
    remote?.stop(),
    superset?.close(),
    ...Object.values(fakes).map((fake) => fake.close()),
  ]);
});

describe("pull requests against a local server answering as GitHub's REST docs say (real git server, real Superset)", () => {
  let uuid: string;
  let chartNames: string[];
  let datasetNames: string[];
  const branch = 'restyle-customers';

  beforeAll(async () => {
    uuid = await connect('customers', 'github', 'alice/customers');
    await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }));
    await commitAll(uuid, 'Customers as exported');
    await runTask(api, api.raw.POST('/api/dashboards/{uuid}/push', { params: { path: { uuid } } }));
    await newBranch(uuid, branch);
    chartNames = editObjects(uuid, 'charts');
    await commitAll(uuid, 'Describe the first chart');
    datasetNames = editObjects(uuid, 'datasets');
    await commitAll(uuid, 'Describe the first dataset');
  }, 300_000);

  it('drafts a title from the branch name and a description listing the commits and the objects by name', async () => {
    const draft = await expectStatus(
      200,
      api.raw.GET('/api/dashboards/{uuid}/pull-requests/draft', {
        params: { path: { uuid }, query: { branch } },
      }),
    );
    expect(draft).toMatchObject({ branch, base: 'main', title: 'Restyle customers', existing: null });
    expect(draft.commits.map((commit) => commit.subject)).toEqual([
      'Describe the first dataset',
      'Describe the first chart',
    ]);
    expect(draft.body).toContain('Describe the first chart');
    expect(draft.body).toContain(`Chart changed: ${chartNames[0]}`);
    expect(draft.body).toContain(`Dataset changed: ${datasetNames[0]}`);
    expect(draft.body).not.toMatch(/charts\/|\.yaml/);
  });

  it('one commit ahead: the title is that commit’s subject', async () => {
    const { subjectBranch } = { subjectBranch: 'one-commit' };
    await newBranch(uuid, subjectBranch);
    editObjects(uuid, 'charts', 2);
    await commitAll(uuid, 'Describe two charts');
    const draft = await expectStatus(
      200,
      api.raw.GET('/api/dashboards/{uuid}/pull-requests/draft', {
        params: { path: { uuid }, query: { branch: subjectBranch, base: branch } },
      }),
    );
    expect(draft.title).toBe('Describe two charts');
    expect(draft.body).toMatch(/Charts changed: .+, .+/);
  });

  it('refuses a base equal to the branch, and a branch with nothing the base lacks', async () => {
    const same = await openRequest(uuid, { branch, base: branch, title: 'Same' });
    expect(same.response.status).toBe(400);
    expect(same.error!.error.message).toContain(`'${branch}' cannot be merged into itself`);
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/branches', {
        params: { path: { uuid } },
        body: { name: 'nothing-new', from: 'main' },
      }),
    );
    const empty = await openRequest(uuid, { branch: 'nothing-new', title: 'Nothing' });
    expect(empty.response.status).toBe(409);
    expect(empty.error!.error.message).toBe(
      "Nothing to propose: branch 'nothing-new' has no commits that 'main' does not have.",
    );
    expect(fakes.github!.requests.filter((request) => request.method === 'POST')).toEqual([]);
  });

  it('pushes the unpublished branch, then opens the request with head, base, title and body as GitHub documents', async () => {
    const task = await runTask(
      api,
      openRequest(uuid, { branch, title: 'Restyle customers', body: 'Charts changed: one' }),
    );
    expect(task.state, task.error ?? '').toBe('SUCCESS');
    expect(task.log.map((line) => line.message).join('\n')).toContain(
      `Pushing ${branch}: it is not on the git server yet`,
    );
    const bare = path.join(remote.root, 'alice/customers.git');
    const pushed = execFileSync('git', ['--git-dir', bare, 'rev-parse', branch], { encoding: 'utf8' }).trim();
    const local = execFileSync('git', ['rev-parse', branch], {
      cwd: workTree(uuid),
      encoding: 'utf8',
    }).trim();
    expect(pushed).toBe(local);
    const sent = fakes.github!.requests.find((request) => request.method === 'POST');
    expect(sent).toMatchObject({
      path: '/repos/alice/customers/pulls',
      body: { head: branch, base: 'main', title: 'Restyle customers', body: 'Charts changed: one' },
    });
    expect(task.result).toMatchObject({
      branch,
      base: 'main',
      number: 1,
      url: 'http://fake.example/alice/customers/pull/1',
      state: 'open',
      openedBy: 'admin',
    });
  });

  it('a second request for the same branch is refused with the open one’s link', async () => {
    const again = await openRequest(uuid, { branch, title: 'Again' });
    expect(again.response.status).toBe(409);
    expect(again.error!.error.message).toContain(
      `Branch '${branch}' already has an open pull request, #1: http://fake.example/alice/customers/pull/1`,
    );
    expect(again.error!.error.details).toMatchObject({ url: 'http://fake.example/alice/customers/pull/1' });
  });

  it('the list follows the state on GitHub: open, then merged', async () => {
    expect((await listRequests(uuid)).items).toMatchObject([{ branch, number: 1, state: 'open' }]);
    fakes.github!.setPullState(1, 'merged');
    const after = await listRequests(uuid);
    expect(after).toMatchObject({
      items: [{ branch, state: 'merged' }],
      refreshProblem: null,
      provider: 'github',
    });
  });

  it('a provider that cannot be reached keeps the stored state and says so, without the token', async () => {
    await newBranch(uuid, 'second-look');
    editObjects(uuid, 'datasets');
    await commitAll(uuid, 'Describe the dataset again');
    expect((await runTask(api, openRequest(uuid, { branch: 'second-look', title: 'Second' }))).state).toBe(
      'SUCCESS',
    );
    await fakes.github!.close();
    delete fakes.github;
    const list = await listRequests(uuid);
    expect(list.items.map((item) => [item.branch, item.state])).toEqual([
      ['second-look', 'open'],
      [branch, 'merged'],
    ]);
    expect(list.refreshProblem).toMatch(/could not be read from GitHub, so they are shown as last read: .+/);
    expect(list.refreshProblem).not.toContain(remote.token);
  });
});

describe('pull requests on other git servers', () => {
  async function branchWithCommit(uuid: string, name: string): Promise<void> {
    await newBranch(uuid, name);
    fs.writeFileSync(path.join(workTree(uuid), 'NOTES.md'), `Notes for ${name}\n`);
    await commitAll(uuid, `Notes for ${name}`);
  }

  it("opens a merge request with source_branch, target_branch, title and description, against a local server answering as GitLab's REST docs say", async () => {
    const uuid = await connect('web-traffic', 'gitlab', 'tanuki/web-traffic');
    await branchWithCommit(uuid, 'notes');
    const task = await runTask(api, openRequest(uuid, { branch: 'notes', title: 'Notes', body: 'Why' }));
    expect(task.state, task.error ?? '').toBe('SUCCESS');
    expect(fakes.gitlab!.requests.find((request) => request.method === 'POST')).toMatchObject({
      path: '/api/v4/projects/tanuki%2Fweb-traffic/merge_requests',
      body: { source_branch: 'notes', target_branch: 'main', title: 'Notes', description: 'Why' },
    });
    fakes.gitlab!.setPullState(1, 'closed');
    expect((await listRequests(uuid)).items).toMatchObject([{ number: 1, state: 'closed' }]);
  });

  it("sends head, base, title and body as Gitea's API docs say, against a local server answering so; its refusal names the missing scope and not the token", async () => {
    // A token that may read but not write repositories on Gitea's API (git over HTTP still takes it).
    const uuid = await connect('sales-overview', 'gitea', 'tea/sales', {
      enforced: ['read:user', 'read:repository'],
    });
    await branchWithCommit(uuid, 'notes');
    const task = await runTask(api, openRequest(uuid, { branch: 'notes', title: 'Notes', body: 'Why' }));
    expect(fakes.gitea!.requests.find((request) => request.method === 'POST')).toMatchObject({
      path: '/api/v1/repos/tea/sales/pulls',
      body: { head: 'notes', base: 'main', title: 'Notes', body: 'Why' },
    });
    expect(task.state).toBe('FAILED');
    expect(task.error).toContain("The token lacks the 'write:repository' scope");
    expect(task.error).not.toContain(remote.token);
    expect((await listRequests(uuid)).items).toEqual([]);
  });

  it('a repository on a plain git server is refused before anything is pushed', async () => {
    const uuid = await connect('extra-001', 'generic', 'plain/extra');
    await branchWithCommit(uuid, 'notes');
    const refused = await openRequest(uuid, { branch: 'notes', title: 'Notes' });
    expect(refused.response.status).toBe(400);
    expect(refused.error!.error.message).toBe(
      "'generic for extra-001' is a plain git server: pull requests need GitHub, GitLab or Gitea.",
    );
    expect(fs.existsSync(path.join(remote.root, 'plain/extra.git/refs/heads/notes'))).toBe(false);
    // The page hides "Open pull request…" where the list names no provider.
    expect(await listRequests(uuid)).toEqual({ items: [], refreshProblem: null, provider: null });
  });
});
