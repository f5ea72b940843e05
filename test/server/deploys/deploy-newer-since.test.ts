// Before a first deploy, a change on the target counts as newer than the repository's version only when it came
// after the commit that last changed the object. git keeps a commit's time in whole seconds, so a deploy a few
// hundred milliseconds before the commit, in the same second, must not read as "changed on prod after it".
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanItem } from '@superset-git/contracts';
import { openDatabase } from '../../../apps/server/src/db/database.ts';
import { DeploymentsStore } from '../../../apps/server/src/deploys/deployments.store.ts';
import { newerSinceFor } from '../../../apps/server/src/deploys/deploy-newer-since.ts';
import { commitFiles, newRepo, tempDir } from '../../git/git-fixtures.ts';

const FILE = 'datasets/examples/sales--00000000.yaml';

describe('since when a target change is newer than the repository', () => {
  it('counts the whole second of the commit as before it', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { [FILE]: 'table_name: sales\n' }, 'Describe the sales dataset');
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo.path, encoding: 'utf8' }).trim();
    const second = Date.parse(
      execFileSync('git', ['log', '-1', '--format=%aI'], { cwd: repo.path, encoding: 'utf8' }).trim(),
    );
    const deployments = new DeploymentsStore(openDatabase(path.join(tempDir(), 'db.sqlite')));
    const since = await newerSinceFor(deployments, repo, { uuid: 'u', environmentId: 1, sha });
    const limit = since({ path: FILE } as PlanItem)!;
    expect(limit.what).toBe('the commit that last changed it in the repository');
    // A deploy 600 ms into the commit's second happened before the commit was made: not newer.
    expect(second + 600 > limit.at).toBe(false);
    // A change a whole second later is.
    expect(second + 1000 > limit.at).toBe(true);
    expect(since({ path: 'charts/other.yaml' } as PlanItem)).toBeNull();
  });
});
