// `log`: history with search by message, author, committer, date range and path, paged by a cursor that stays stable
// while new commits arrive.
import { LogQuery, type CommitPage, type LogQueryInput } from '@superset-git/contracts';
import { COMMIT_FORMAT, parseCommits } from './commit-parser.ts';
import { classifyGitFailure, GitError } from './git-error.ts';
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
export function logArgs(query: LogQuery, start: string, skip: number, paths: string[] = []): string[] {
  const args = ['log', '-z', `--format=${COMMIT_FORMAT}`, `--skip=${skip}`, `--max-count=${query.limit + 1}`];
  if (query.text || query.author || query.committer) args.push('--regexp-ignore-case', '--fixed-strings');
  if (query.text) args.push(`--grep=${query.text}`);
  if (query.author) args.push(`--author=${query.author}`);
  if (query.committer) args.push(`--committer=${query.committer}`);
  if (query.since) args.push(`--since=${query.since}`);
  if (query.until) args.push(`--until=${query.until}`);
  args.push(start, '--');
  if (query.path) args.push(assertRepoPath(query.path));
  for (const file of paths) args.push(assertRepoPath(file));
  return args;
}

/** `paths`: only commits touching any of these files (what an object filter found), besides `query.path`. */
export async function log(repo: Repo, input: LogQueryInput = {}, paths: string[] = []): Promise<CommitPage> {
  const query = LogQuery.parse(input);
  if (query.ref) assertRevision(query.ref);
  if (query.path) assertRepoPath(query.path);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const filtered = Boolean(
    query.text || query.author || query.committer || query.since || query.until || query.path || paths.length,
  );
  return repo.read(async (git) => {
    if (!cursor && !query.ref && !filtered) {
      // The first page of the whole history starts at HEAD, which it lists first: one git process, not two.
      const first = await git(logArgs(query, 'HEAD', 0, paths), { okExitCodes: [0, 128] });
      if (first.exitCode === 0) {
        const commits = parseCommits(first.stdout);
        return page(commits, query.limit, { start: commits[0]?.oid ?? '', skip: 0 });
      }
      if (!(await resolveCommit(git, 'HEAD'))) return { items: [], nextCursor: null };
      throw classifyGitFailure(first.stderr, first.exitCode, { verb: 'log', host: null });
    }
    let start = cursor?.start;
    if (!start) {
      const head = query.ref ? null : await resolveCommit(git, 'HEAD');
      if (!query.ref && !head) return { items: [], nextCursor: null };
      start = head ?? (await requireCommit(git, query.ref!));
    }
    const skip = cursor?.skip ?? 0;
    const listed = await git(logArgs(query, start, skip, paths));
    return page(parseCommits(listed.stdout), query.limit, { start, skip });
  });
}

/** `limit` commits of the `limit + 1` listed; the extra one tells whether there is a next page. */
function page(commits: CommitPage['items'], limit: number, cursor: Cursor): CommitPage {
  const more = commits.length > limit;
  return {
    items: commits.slice(0, limit),
    nextCursor: more ? encodeCursor({ start: cursor.start, skip: cursor.skip + limit }) : null,
  };
}
