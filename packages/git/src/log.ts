// `log`: history with search by message, author, date range and path, paged by a cursor that stays stable
// while new commits arrive.
import { LogQuery, type CommitPage, type LogQueryInput } from '@superset-git/contracts';
import { COMMIT_FORMAT, parseCommits } from './commit-parser.ts';
import { GitError } from './git-error.ts';
import { assertRepoPath, assertRevision } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { requireCommit, resolveCommit } from './repo-state.ts';

interface Cursor {
  start: string;
  skip: number;
}

function decodeCursor(cursor: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (
      typeof value.start === 'string' &&
      /^[0-9a-f]{40,64}$/.test(value.start) &&
      Number.isInteger(value.skip) &&
      value.skip! >= 0
    ) {
      return value as Cursor;
    }
  } catch {
    // fall through
  }
  throw new GitError('GIT_INVALID_REF', 'The page cursor is not valid; start again from the first page.');
}

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

/** The arguments after `git log`, shared with the benchmark that compares against raw git. */
export function logArgs(query: LogQuery, start: string, skip: number): string[] {
  const args = ['log', '-z', `--format=${COMMIT_FORMAT}`, `--skip=${skip}`, `--max-count=${query.limit + 1}`];
  if (query.text || query.author) args.push('--regexp-ignore-case', '--fixed-strings');
  if (query.text) args.push(`--grep=${query.text}`);
  if (query.author) args.push(`--author=${query.author}`);
  if (query.since) args.push(`--since=${query.since}`);
  if (query.until) args.push(`--until=${query.until}`);
  args.push(start, '--');
  if (query.path) args.push(assertRepoPath(query.path));
  return args;
}

export async function log(repo: Repo, input: LogQueryInput = {}): Promise<CommitPage> {
  const query = LogQuery.parse(input);
  if (query.ref) assertRevision(query.ref);
  if (query.path) assertRepoPath(query.path);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  return repo.read(async (git) => {
    let start = cursor?.start;
    if (!start) {
      if (!query.ref && !(await resolveCommit(git, 'HEAD'))) return { items: [], nextCursor: null };
      start = await requireCommit(git, query.ref ?? 'HEAD');
    }
    const skip = cursor?.skip ?? 0;
    const commits = parseCommits((await git(logArgs(query, start, skip))).stdout);
    const more = commits.length > query.limit;
    return {
      items: commits.slice(0, query.limit),
      nextCursor: more ? encodeCursor({ start, skip: skip + query.limit }) : null,
    };
  });
}
