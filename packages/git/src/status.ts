// `status`: branch, upstream, ahead/behind and every changed, untracked or conflicted file.
import type { GitStatus } from '@superset-git/contracts';
import { readBlobs } from './read-blobs.ts';
import type { Git, Repo } from './repo.ts';
import { isMerging } from './repo-state.ts';
import { parseStatusWithHeads } from './status-parser.ts';

const STATUS_ARGS = ['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=all'];

async function readStatus(git: Git, repo: Repo) {
  const result = await git(STATUS_ARGS);
  const { status: parsed, headOids } = parseStatusWithHeads(result.stdout);
  const merging = isMerging(repo);
  const status: GitStatus = { ...parsed, merging, clean: parsed.files.length === 0 && !merging };
  return { status, headOids };
}

export async function status(repo: Repo): Promise<GitStatus> {
  return repo.read(async (git) => (await readStatus(git, repo)).status);
}

/**
 * The status, and the committed (HEAD) version of each changed file, read in one turn of the queue with two git
 * processes: no write can come between them, so each change is described against the HEAD the status saw.
 */
export async function statusWithHead(repo: Repo): Promise<{ status: GitStatus; head: Map<string, Buffer> }> {
  return repo.read(async (git) => {
    const { status, headOids } = await readStatus(git, repo);
    const paths = [...headOids.keys()];
    const contents = await readBlobs(git, [...headOids.values()]);
    return { status, head: new Map(paths.map((file, index) => [file, contents[index]!])) };
  });
}
