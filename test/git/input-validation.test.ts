// What a user types never reaches git as anything but a path inside the repository.
import { describe, expect, it } from 'vitest';
import { fileAtRef, stage } from '@superset-git/git';
import { newRepo } from './git-fixtures.ts';

describe('paths a user gives', () => {
  it('refuses paths outside the repository or inside .git', async () => {
    const repo = await newRepo();
    for (const file of [
      '../etc/passwd',
      '/etc/passwd',
      'a/../../x',
      '.git/config',
      'x/.git/hooks/pre-commit',
    ]) {
      await expect(fileAtRef(repo, { path: file, ref: 'HEAD' }), file).rejects.toMatchObject({
        code: 'GIT_INVALID_PATH',
      });
      await expect(stage(repo, [file]), file).rejects.toMatchObject({ code: 'GIT_INVALID_PATH' });
    }
  });
});
