// `init`: a new repository on `main` with a first commit, so branches and history work from the start.
import fs from 'node:fs';
import path from 'node:path';
import type { GitPerson } from '@superset-git/contracts';
import { GitError } from './git-error.ts';
import { openRepo, type Repo } from './repo.ts';
import { authorEnv } from './author.ts';

export async function initRepository(
  dir: string,
  options: { author: GitPerson; message?: string; files?: Record<string, string> },
): Promise<Repo> {
  if (fs.existsSync(path.join(dir, '.git'))) {
    throw new GitError('GIT_REPO_EXISTS', 'There is already a git repository here.');
  }
  fs.mkdirSync(dir, { recursive: true });
  const repo = openRepo(dir);
  await repo.write(async (git) => {
    await git(['init', '--quiet', '--initial-branch=main']);
    // Files the first commit holds (the repository's .gitattributes), so a fresh repository starts clean.
    const files = Object.entries(options.files ?? {});
    for (const [file, text] of files) fs.writeFileSync(path.join(dir, file), text);
    if (files.length > 0) await git(['add', '--', ...files.map(([file]) => file)]);
    await git(['commit', '--quiet', '--allow-empty', '--file=-'], {
      stdin: options.message ?? 'Initialize repository',
      env: authorEnv(options.author),
    });
  });
  return repo;
}
