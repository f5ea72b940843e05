// A file's content as it was at a ref; null when the file did not exist there.
import { assertRepoPath, assertRevision } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { requireCommit } from './repo-state.ts';

interface FileContent {
  path: string;
  oid: string;
  content: Buffer;
  binary: boolean;
}

export async function fileAtRef(
  repo: Repo,
  options: { path: string; ref: string },
): Promise<FileContent | null> {
  const file = assertRepoPath(options.path);
  const ref = assertRevision(options.ref);
  return repo.read(async (git) => {
    const commit = await requireCommit(git, ref);
    const result = await git(['cat-file', 'blob', `${commit}:${file}`], { okExitCodes: [0, 128] });
    if (result.exitCode !== 0) return null;
    const content = result.stdoutBytes;
    return { path: file, oid: commit, content, binary: content.subarray(0, 8000).includes(0) };
  });
}
