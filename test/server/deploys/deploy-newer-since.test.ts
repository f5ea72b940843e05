// Before a first deploy, a change on the target counts as newer than the repository's version only when it came
// after the commit that last changed the object. git keeps a commit's time in whole seconds, so a change within
// the commit's own second may be either side of it: it is warned about rather than silently overwritten.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { PlanItem } from '@superset-git/contracts';
import { openDatabase } from '../../../apps/server/src/db/database.ts';
import { DeploymentsStore } from '../../../apps/server/src/deploys/deployments.store.ts';
import { newerSinceFor } from '../../../apps/server/src/deploys/deploy-newer-since.ts';
import { commitFiles, newRepo, tempDir } from '../../git/git-fixtures.ts';
import { testDatabaseLocation } from '../../support/test-database.ts';

const FILE = 'datasets/examples/sales--00000000.yaml';

describe('since when a target change is newer than the repository', () => {
  it("counts a change within the commit's own second as newer, and one before that second as not", async () => {
    const repo = await newRepo();
    await commitFiles(repo, { [FILE]: 'table_name: sales\n' }, 'Describe the sales dataset');
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo.path, encoding: 'utf8' }).trim();
    const second = Date.parse(
      execFileSync('git', ['log', '-1', '--format=%aI'], { cwd: repo.path, encoding: 'utf8' }).trim(),
    );
    const db = await openDatabase(await testDatabaseLocation(tempDir()));
    const deployments = new DeploymentsStore(db);
    const since = await newerSinceFor(deployments, repo, { uuid: 'u', environmentId: 1, sha });
    const limit = since({ path: FILE } as PlanItem)!;
    expect(limit.what).toBe('the commit that last changed it in the repository');
    // 600 ms into the commit's second: maybe after the commit, so newer.
    expect(second + 600 > limit.at).toBe(true);
    // The second before the commit's: older.
    expect(second - 1 > limit.at).toBe(false);
    expect(since({ path: 'charts/other.yaml' } as PlanItem)).toBeNull();
    await db.close();
  });
});
