// Branches of a dashboard move Superset with them, and a pull that conflicts waits for a person: against the
// real Superset (dev) and a real git server.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cloneRepository, commit, pull as gitPull, push, stage, type Repo } from '@superset-git/git';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { dashboardIdOf, type SupersetClient } from '@superset-git/superset';
import type { ApiClient } from '@superset-git/api-client';
import { tempDir } from '../../git/git-fixtures.ts';
import { supersetDev } from '../../superset-instances.ts';
import { clientFor, dashboardUuid } from '../../support/superset-admin.ts';
import { apiOf, runTask, expectStatus } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';

let server: TestServer;
let api: ApiClient;
let remote: GitRemote;
let superset: SupersetClient;
let uuid: string;
let chart: { id: number; slice_name: string };
let otherChart: { id: number; slice_name: string };

async function chartName(): Promise<string> {
  const answer = await superset.json(
    { path: `/api/v1/chart/${chart.id}`, action: 'read a chart' },
    z.object({ result: z.object({ slice_name: z.string() }) }),
  );
  return answer.result.slice_name;
}

const renameChart = (name: string) =>
  superset.call({
    method: 'PUT',
    path: `/api/v1/chart/${chart.id}`,
    json: { slice_name: name },
    action: 'rename a chart',
  });

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const dev = supersetDev();
  superset = clientFor(dev);
  remote = await startGitRemote();
  server = await startTestServer();
  api = apiOf(server, await login(server));
  const environment = await api.POST('/api/environments', {
    body: {
      name: 'dev',
      url: dev.url,
      username: dev.username,
      password: dev.password,
    },
  });
  const gitServer = await api.POST('/api/git/servers', {
    body: {
      name: 'Local',
      provider: 'generic',
      url: remote.url,
      token: remote.token,
    },
  });
  uuid = await dashboardUuid(superset, 'web-traffic');
  const charts = await superset.json(
    { path: `/api/v1/dashboard/${uuid}/charts`, action: 'list charts' },
    z.object({ result: z.array(z.object({ id: z.number(), slice_name: z.string() })) }),
  );
  chart = charts.result[0]!;
  otherChart = charts.result[1]!;
  const url = remote.createRepository('web-traffic');
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: {
        environmentId: environment.id,
        mode: 'attach',
        gitServerId: gitServer.id,
        remoteUrl: url,
      },
    }),
  );
  await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }));
  await api.raw.POST('/api/dashboards/{uuid}/commit', {
    params: { path: { uuid } },
    body: { message: 'Web Traffic as exported' },
  });
  expect(
    (await runTask(api, api.raw.POST('/api/dashboards/{uuid}/push', { params: { path: { uuid } } }))).state,
  ).toBe('SUCCESS');
}, 400_000);
afterAll(async () => {
  if (chart) await renameChart(chart.slice_name).catch(() => undefined);
  if (otherChart)
    await superset
      .call({
        method: 'PUT',
        path: `/api/v1/chart/${otherChart.id}`,
        json: { slice_name: otherChart.slice_name },
        action: 'rename back',
      })
      .catch(() => undefined);
  await Promise.all([server?.close(), remote?.stop(), superset?.close()]);
  releaseLock?.();
});

describe('branches of a dashboard (real Superset dev, real git server)', () => {
  it('switching branch imports that version into Superset, and back', async () => {
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/branches', {
        params: { path: { uuid } },
        body: { name: 'restyle' },
      }),
    );
    const toRestyle = await api.raw.POST('/api/dashboards/{uuid}/switch', {
      params: { path: { uuid } },
      body: {
        branch: 'restyle',
        verify: true,
      },
    });
    expect(toRestyle.data).toMatchObject({ branch: 'restyle', imported: true, differences: [] });

    await renameChart(`${chart.slice_name} (restyled)`);
    await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }));
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/commit', {
        params: { path: { uuid } },
        body: { message: 'Restyle' },
      }),
    );

    const toMain = await api.raw.POST('/api/dashboards/{uuid}/switch', {
      params: { path: { uuid } },
      body: {
        branch: 'main',
        verify: true,
      },
    });
    // Only the one chart that differs between the branches is imported, and Superset then matches main.
    expect(toMain.data, JSON.stringify(toMain.data)).toMatchObject({
      branch: 'main',
      imported: true,
      importedObjects: 1,
      differences: [],
    });
    expect(await chartName()).toBe(chart.slice_name);
    await api.raw.POST('/api/dashboards/{uuid}/switch', {
      params: { path: { uuid } },
      body: { branch: 'restyle' },
    });
    expect(await chartName()).toBe(`${chart.slice_name} (restyled)`);
    await api.raw.POST('/api/dashboards/{uuid}/switch', {
      params: { path: { uuid } },
      body: { branch: 'main' },
    });
    expect(await chartName()).toBe(chart.slice_name);
  });

  it('never loses uncommitted Superset edits: refuses to switch, or keeps them on a safety branch', async () => {
    await renameChart(`${chart.slice_name} (unsaved idea)`);
    const refused = await api.raw.POST('/api/dashboards/{uuid}/switch', {
      params: { path: { uuid } },
      body: { branch: 'restyle' },
    });
    expect(refused.response.status).toBe(409);
    expect(refused.error!.error).toMatchObject({ code: 'GIT_DIRTY_WORK_TREE' });
    // The refusal names what is uncommitted, as people know it.
    expect(refused.error!.error.message).toContain(`chart '${chart.slice_name} (unsaved idea)'`);
    expect(await chartName()).toBe(`${chart.slice_name} (unsaved idea)`);

    const kept = await api.raw.POST('/api/dashboards/{uuid}/switch', {
      params: { path: { uuid } },
      body: {
        branch: 'restyle',
        uncommitted: 'safety-branch',
      },
    });
    expect(kept.response.status, JSON.stringify(kept.data ?? kept.error)).toBe(200);
    expect(kept.data!.safetyBranch).toMatch(/^safety\//);
    expect(await chartName()).toBe(`${chart.slice_name} (restyled)`);
    const history = await api.raw.GET('/api/dashboards/{uuid}/history', {
      params: { path: { uuid }, query: { ref: kept.data!.safetyBranch!, limit: 1 } },
    });
    expect(history.data!.items[0]?.subject).toBe('Uncommitted edits before switching to restyle');
    await api.raw.POST('/api/dashboards/{uuid}/switch', {
      params: { path: { uuid } },
      body: { branch: 'main' },
    });
  });

  it('an edit in Superset to a chart the switch does not touch stays there, as git carries local changes', async () => {
    const rename = (name: string) =>
      superset.call({
        method: 'PUT',
        path: `/api/v1/chart/${otherChart.id}`,
        json: { slice_name: name },
        action: 'rename another chart',
      });
    await rename(`${otherChart.slice_name} (draft)`);
    try {
      const switched = await api.raw.POST('/api/dashboards/{uuid}/switch', {
        params: { path: { uuid } },
        body: {
          branch: 'restyle',
        },
      });
      expect(switched.response.status, JSON.stringify(switched.data ?? switched.error)).toBe(200);
      expect(switched.data).toMatchObject({ branch: 'restyle', importedObjects: 1, safetyBranch: null });
      expect(await chartName()).toBe(`${chart.slice_name} (restyled)`);
      await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }));
      const state = await api.raw.GET('/api/dashboards/{uuid}/status', {
        params: { path: { uuid } },
      });
      expect(state.data!.changes).toEqual([
        expect.objectContaining({ objectType: 'chart', objectName: `${otherChart.slice_name} (draft)` }),
      ]);
    } finally {
      await rename(otherChart.slice_name);
    }
    await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }));
    await expectStatus(
      200,
      api.raw.POST('/api/dashboards/{uuid}/switch', {
        params: { path: { uuid } },
        body: { branch: 'main' },
      }),
    );
  });

  it('import puts the current commit into Superset on purpose, over edits made there', async () => {
    await renameChart(`${chart.slice_name} (scribble)`);
    const imported = await runTask(
      api,
      api.raw.POST('/api/dashboards/{uuid}/import', { params: { path: { uuid } } }),
    );
    expect(imported.state, JSON.stringify(imported.log)).toBe('SUCCESS');
    expect(await chartName()).toBe(chart.slice_name);
  });

  it('restores an earlier version as a new commit, into Superset too; refuses over uncommitted edits', async () => {
    const original = await chartName();
    const { oid: earlier, subject: earlierSubject } = (
      await api.GET('/api/dashboards/{uuid}/history', {
        params: { path: { uuid }, query: { limit: 1 } },
      })
    ).items[0]!;
    await renameChart(`${original} (to be undone)`);
    const refusedStart = await api.raw.POST('/api/dashboards/{uuid}/restore', {
      params: { path: { uuid } },
      body: { ref: earlier },
    });
    await server.services.tasks.idle();
    const refused = await api.GET('/api/tasks/{id}', {
      params: { path: { id: refusedStart.data!.taskId } },
    });
    expect(refused.error).toMatch(/commit them first/);
    expect(refused.error).toContain(`chart '${original} (to be undone)'`);
    expect(await chartName()).toBe(`${original} (to be undone)`);
    await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }));
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/commit', {
        params: { path: { uuid } },
        body: { message: 'A rename to undo' },
      }),
    );

    const started = await api.raw.POST('/api/dashboards/{uuid}/restore', {
      params: { path: { uuid } },
      body: { ref: earlier },
    });
    expect(started.response.status).toBe(202);
    await server.services.tasks.idle();
    const restored = await api.GET('/api/tasks/{id}', {
      params: { path: { id: started.data!.taskId } },
    });
    expect(restored.state, restored.error ?? '').toBe('SUCCESS');
    expect(await chartName()).toBe(original);
    const history = await api.GET('/api/dashboards/{uuid}/history', {
      params: { path: { uuid }, query: { limit: 2 } },
    });
    expect(history.items.map((item) => item.subject)).toEqual([
      `Restore '${earlierSubject}' (${earlier.slice(0, 7)})`,
      'A rename to undo',
    ]);
    const again = await api.raw.POST('/api/dashboards/{uuid}/restore', {
      params: { path: { uuid } },
      body: { ref: earlier },
    });
    await server.services.tasks.idle();
    const nothing = await api.GET('/api/tasks/{id}', {
      params: { path: { id: again.data!.taskId } },
    });
    expect(nothing.error).toMatch(/already at that version/);
  });

  it('deletes a branch but not the current one, and asks for force when it holds unmerged commits', async () => {
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/branches', {
        params: { path: { uuid } },
        body: { name: 'scratch' },
      }),
    );
    const current = (await api.GET('/api/dashboards/{uuid}/status', { params: { path: { uuid } } })).git
      .branch!;
    const own = await api.raw.DELETE('/api/dashboards/{uuid}/branches', {
      params: { path: { uuid }, query: { name: current } },
    });
    expect(own.response.status).toBe(409);
    expect(own.error!.error).toMatchObject({ code: 'GIT_BRANCH_IS_CURRENT', message: /current branch/ });
    const deleted = await api.raw.DELETE('/api/dashboards/{uuid}/branches', {
      params: { path: { uuid }, query: { name: 'scratch' } },
    });
    expect(deleted.response.status).toBe(200);
    const names = (
      await api.GET('/api/dashboards/{uuid}/branches', { params: { path: { uuid } } })
    ).items.map((branch) => branch.name);
    expect(names).not.toContain('scratch');
  });

  describe('pull: Superset follows, and waits while a conflict is open', () => {
    const credentials = () => ({ username: 'x', token: remote.token });
    let other: Repo;
    const dashboardTitle = async () =>
      (
        await superset.json(
          { path: `/api/v1/dashboard/${uuid}`, action: 'read the dashboard' },
          z.object({ result: z.object({ dashboard_title: z.string() }) }),
        )
      ).result.dashboard_title;
    const setTitle = async (title: string) =>
      superset.call({
        method: 'PUT',
        path: `/api/v1/dashboard/${await dashboardIdOf(superset, uuid)}`,
        json: { dashboard_title: title },
        action: 'retitle',
      });
    /** Someone else changes the dashboard's title in their clone and pushes. */
    async function theyRetitle(title: string) {
      await gitPull(other, { credentials: credentials(), author: { name: 'Other', email: 'o@example.com' } });
      const file = path.join(other.path, 'dashboard.yaml');
      fs.writeFileSync(
        file,
        fs.readFileSync(file, 'utf8').replace(/^dashboard_title: .*$/m, `dashboard_title: ${title}`),
      );
      await stage(other);
      await commit(other, {
        message: `Their title: ${title}`,
        author: { name: 'Other', email: 'o@example.com' },
      });
      await push(other, { credentials: credentials() });
    }
    /** And we change the same line, in Superset, then sync and commit it. */
    async function weRetitle(title: string) {
      await setTitle(title);
      await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }));
      await expectStatus(
        201,
        api.raw.POST('/api/dashboards/{uuid}/commit', {
          params: { path: { uuid } },
          body: { message: `My title: ${title}` },
        }),
      );
    }
    let original = '';

    beforeAll(async () => {
      original = await dashboardTitle();
      expect(
        (await runTask(api, api.raw.POST('/api/dashboards/{uuid}/push', { params: { path: { uuid } } })))
          .state,
      ).toBe('SUCCESS');
      other = (
        await cloneRepository({
          url: `${remote.url}/web-traffic.git`,
          dir: path.join(tempDir(), 'other'),
          credentials: credentials(),
        })
      ).repo;
    });
    afterAll(async () => {
      await setTitle(original).catch(() => undefined);
    });

    it('a pull without conflicts imports what it brought into Superset', async () => {
      await theyRetitle('Web Traffic (from a teammate)');
      const pulled = await runTask(
        api,
        api.raw.POST('/api/dashboards/{uuid}/pull', { params: { path: { uuid } } }),
      );
      expect(pulled.state, JSON.stringify(pulled.log)).toBe('SUCCESS');
      expect(await dashboardTitle()).toBe('Web Traffic (from a teammate)');
      expect(pulled.log.map((line) => line.message)).toContainEqual(
        expect.stringMatching(/^Imported \d+ object\(s\) into dev$/),
      );
    });

    it('refuses to pull over Superset edits that are not committed, and loses nothing', async () => {
      await setTitle('Web Traffic (unsaved)');
      const refused = await runTask(
        api,
        api.raw.POST('/api/dashboards/{uuid}/pull', { params: { path: { uuid } } }),
      );
      expect(refused.state).toBe('FAILED');
      expect(refused.error).toMatch(/commit them first/);
      expect(await dashboardTitle()).toBe('Web Traffic (unsaved)');
      await setTitle('Web Traffic (from a teammate)');
      await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }));
    });

    it('a conflict waits for a person, nothing imported; keeping mine keeps Superset as it is', async () => {
      await theyRetitle('Web Traffic (theirs)');
      await weRetitle('Web Traffic (mine)');
      const pulled = await runTask(
        api,
        api.raw.POST('/api/dashboards/{uuid}/pull', { params: { path: { uuid } } }),
      );
      expect(pulled.state).toBe('AWAITING_INPUT');
      const conflicts = await api.raw.GET('/api/dashboards/{uuid}/conflicts', {
        params: { path: { uuid } },
      });
      expect(conflicts.data).toEqual({
        merging: true,
        conflicts: [
          {
            path: 'dashboard.yaml',
            kind: 'both-modified',
            object: { type: 'dashboard', uuid, name: 'Web Traffic (mine)' },
            fields: [
              {
                path: 'dashboard_title',
                base: 'Web Traffic (from a teammate)',
                mine: 'Web Traffic (mine)',
                theirs: 'Web Traffic (theirs)',
              },
            ],
          },
        ],
      });
      const sides = await api.raw.GET('/api/dashboards/{uuid}/conflicts/file', {
        params: { path: { uuid }, query: { path: 'dashboard.yaml' } },
      });
      expect(sides.data!.mine).toMatch(/^dashboard_title: Web Traffic \(mine\)$/m);
      expect(sides.data!.theirs).toMatch(/^dashboard_title: Web Traffic \(theirs\)$/m);
      expect(sides.data!.base).toMatch(/^dashboard_title: Web Traffic \(from a teammate\)$/m);
      expect(sides.data!.merged).toMatch(/^<<<<<<< .*\ndashboard_title: Web Traffic \(mine\)\n=======\n/m);
      await expectStatus(
        400,
        api.raw.GET('/api/dashboards/{uuid}/conflicts/file', {
          params: { path: { uuid }, query: { path: 'charts/nothing.yaml' } },
        }),
      );
      expect(await dashboardTitle()).toBe('Web Traffic (mine)');
      await expectStatus(
        409,
        api.raw.POST('/api/dashboards/{uuid}/merge/continue', {
          params: { path: { uuid } },
          body: null,
        }),
      );
      const resolve = { path: 'dashboard.yaml', resolution: 'mine' } as const;
      await expectStatus(
        200,
        api.raw.POST('/api/dashboards/{uuid}/conflicts/resolve', {
          params: { path: { uuid } },
          body: resolve,
        }),
      );
      await expectStatus(
        201,
        api.raw.POST('/api/dashboards/{uuid}/merge/continue', {
          params: { path: { uuid } },
          body: null,
        }),
      );
      const finished = await api.raw.GET('/api/tasks/{id}', {
        params: { path: { id: pulled.id } },
      });
      expect(finished.data!.state).toBe('SUCCESS');
      expect(await dashboardTitle()).toBe('Web Traffic (mine)');
      expect(
        (await runTask(api, api.raw.POST('/api/dashboards/{uuid}/push', { params: { path: { uuid } } })))
          .state,
      ).toBe('SUCCESS');
    });

    it('taking theirs imports their version into Superset once the merge is continued', async () => {
      await theyRetitle('Web Traffic (theirs again)');
      await weRetitle('Web Traffic (mine again)');
      const pulled = await runTask(
        api,
        api.raw.POST('/api/dashboards/{uuid}/pull', { params: { path: { uuid } } }),
      );
      expect(pulled.state).toBe('AWAITING_INPUT');
      const resolve = { path: 'dashboard.yaml', resolution: 'theirs' } as const;
      await expectStatus(
        200,
        api.raw.POST('/api/dashboards/{uuid}/conflicts/resolve', {
          params: { path: { uuid } },
          body: resolve,
        }),
      );
      expect(await dashboardTitle()).toBe('Web Traffic (mine again)');
      await expectStatus(
        201,
        api.raw.POST('/api/dashboards/{uuid}/merge/continue', {
          params: { path: { uuid } },
          body: null,
        }),
      );
      expect(await dashboardTitle()).toBe('Web Traffic (theirs again)');
      const state = await api.raw.GET('/api/dashboards/{uuid}/status', {
        params: { path: { uuid } },
      });
      expect(state.data!.git.clean).toBe(true);
    });
  });
});
