// Deploys from older releases into 6.1, one after another onto the same dashboard (as a team upgrading prod before
// dev does): each lands whole, exports back as git holds it, and a redeploy plans nothing. The other direction
// (6.1 into each older release) is part of each release's journey.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupersetClient } from '@superset-git/superset';
import { clientFor } from '../support/superset-admin.ts';
import { compatSuperset } from './compat-instances.ts';
import {
  connectDashboard,
  deploy,
  expectTargetHolds,
  openSession,
  plan,
  registerSuperset,
  type CompatSession,
} from './compat-session.ts';

let crossClient: SupersetClient;

beforeAll(() => {
  crossClient = clientFor(compatSuperset('cross'));
});
afterAll(async () => {
  await crossClient?.close();
});

describe('deploys from older Superset releases into 6.1 (real Superset 4.1, 5.0, 6.0 and 6.1)', () => {
  it.each(['4.1.4', '5.0.0', '6.0.0'] as const)(
    'a dashboard kept in git from %s deploys into 6.1 whole, and a redeploy plans nothing',
    async (version) => {
      // Each release's dev holds the same dashboard (the same uuid), kept by its own superset-git server.
      const session: CompatSession = await openSession();
      try {
        const source = compatSuperset(`dev-${version}`);
        const dev = await registerSuperset(session, 'dev', source);
        const cross = await registerSuperset(session, 'cross', compatSuperset('cross'));
        const uuid = await connectDashboard(session, dev, source, 'customers');
        const deployed = await deploy(session, uuid, cross, 'main');
        expect(deployed.plan.targetVersion).toBe('6.1.0');
        expect(deployed.plan.warnings).toEqual([]);
        await expectTargetHolds(session, crossClient, uuid, 'main');
        const again = await plan(session, uuid, cross, 'main');
        expect(again.items.filter((item) => item.action !== 'unchanged')).toEqual([]);
      } finally {
        await session.close();
      }
    },
  );
});
