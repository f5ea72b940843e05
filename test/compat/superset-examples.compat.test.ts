// Superset's own example dashboards (made in Superset's editor, shipped with 6.1 and loaded with `superset
// load-examples`) as a corpus: each one synced into git, deployed to an empty Superset, exported there again, and
// switched away from and back, must come out exactly as git holds it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '@superset-git/contracts';
import { bundleYaml, parseBundleYaml, type SupersetClient } from '@superset-git/superset';
import { expectStatus } from '../support/api.ts';
import { commitOnBranch } from '../support/repo-edits.ts';
import { clientFor } from '../support/superset-admin.ts';
import { compatSuperset } from './compat-instances.ts';
import {
  commitAll,
  switchBranch,
  deploy,
  expectInSync,
  expectTargetHolds,
  openSession,
  plan,
  registerSuperset,
  repoDir,
  sync,
  type CompatSession,
} from './compat-session.ts';

/** The dashboards `superset load-examples` of 6.1.0 creates offline (the tenth needs a download). */
const EXAMPLES = [
  'Sales Dashboard',
  'Misc Charts',
  'Video Game Sales',
  "World Bank's Data",
  'FCC New Coder Survey 2018',
  'USA Births Names',
  'Slack Dashboard',
  'Featured Charts',
  'deck.gl Demo',
];

let session: CompatSession;
let examples: Environment;
let target: Environment;
let targetClient: SupersetClient;
const uuids = new Map<string, string>();

beforeAll(async () => {
  session = await openSession();
  examples = await registerSuperset(session, 'examples', compatSuperset('examples'));
  target = await registerSuperset(session, 'target', compatSuperset('examplesTarget'));
  targetClient = clientFor(compatSuperset('examplesTarget'));
  const page = await session.api.GET('/api/environments/{id}/dashboards', {
    params: { path: { id: examples.id }, query: { pageSize: 100 } },
  });
  for (const item of page.items) if (item.uuid) uuids.set(item.title, item.uuid);
});
afterAll(async () => {
  await Promise.all([session?.close(), targetClient?.close()]);
});

describe("Superset 6.1's own example dashboards (real Superset with load-examples, and an empty target)", () => {
  it('are all there, some with uuids that are not RFC 4122 variants', () => {
    expect([...uuids.keys()].sort()).toEqual([...EXAMPLES].sort());
    expect([...uuids.values()].some((uuid) => !/^.{14}[1-5].{4}[89ab]/.test(uuid))).toBe(true);
  });

  it.each(EXAMPLES)(
    "'%s': into git, deployed and exported again unchanged, redeployed with nothing to do, switched without a phantom edit",
    async (title) => {
      const uuid = uuids.get(title)!;
      await expectStatus(
        201,
        session.api.raw.POST('/api/dashboards/{uuid}/repository', {
          params: { path: { uuid } },
          body: { environmentId: examples.id, mode: 'init' },
        }),
      );
      await sync(session, uuid);
      await commitAll(session, uuid, title);
      await expectInSync(session, uuid);

      const deployed = await deploy(session, uuid, target, 'main');
      expect(deployed.plan.errors).toEqual([]);
      await expectTargetHolds(session, targetClient, uuid, 'main');
      const again = await plan(session, uuid, target, 'main');
      expect(again.items.filter((item) => item.action !== 'unchanged')).toEqual([]);

      commitOnBranch(repoDir(session, uuid), 'retitled', (file, text) =>
        file === 'dashboard.yaml'
          ? bundleYaml({ ...parseBundleYaml(text), dashboard_title: `${title} (draft)` })
          : null,
      );
      expect(await switchBranch(session, uuid, 'retitled')).toMatchObject({
        imported: true,
        differences: [],
      });
      await expectInSync(session, uuid);
      expect(await switchBranch(session, uuid, 'main')).toMatchObject({ imported: true, differences: [] });
      await expectInSync(session, uuid);
    },
  );
});
