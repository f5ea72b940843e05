// The closed set of git failures, and the one place that reads git's stderr to tell them apart.
import type { ErrorCode } from '@superset-git/contracts';

// VALIDATION: an argument the engine cannot work with, the same code the API gives for a bad request body.
type GitErrorCode = Extract<ErrorCode, `GIT_${string}` | 'DISK_FULL' | 'VALIDATION'>;

export class GitError extends Error {
  readonly code: GitErrorCode;
  /** Per-file details, e.g. the dirty files that block a branch switch. */
  readonly details: Record<string, string> | undefined;

  constructor(
    code: GitErrorCode,
    message: string,
    options: { details?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'GitError';
    this.code = code;
    this.details = options.details;
  }
}

interface Rule {
  code: GitErrorCode;
  pattern: RegExp;
  message: (match: RegExpMatchArray, context: ErrorContext) => string;
}

interface ErrorContext {
  /** The git verb, for messages such as "push failed". */
  verb: string;
  /** Host of the remote involved, named in network errors. */
  host: string | null;
}

const where = (context: ErrorContext) => (context.host ? ` at ${context.host}` : '');

// Order matters: the first matching rule wins, the most specific first.
const RULES: Rule[] = [
  {
    code: 'DISK_FULL',
    pattern: /No space left on device|Disk quota exceeded/i,
    message: (_m, c) =>
      `The disk is full: git ${c.verb.replace(/^git /, '')} could not write. Nothing was lost; free space and try again.`,
  },
  {
    // Before the non-fast-forward rule: a tag the remote holds on another commit is also "rejected because…".
    code: 'GIT_TAG_EXISTS',
    pattern:
      /refs\/tags\/([^\s:]+)\s+\[rejected\] \(already exists\)|\[rejected\]\s+(\S+) -> \S+ \(already exists\)/,
    message: (m, c) =>
      `The git server${where(c)} already has a tag named '${m[1] ?? m[2]}' on another commit; a tag is not moved there, so give this one another name.`,
  },
  {
    code: 'GIT_NON_FAST_FORWARD',
    pattern: /\[rejected\].*\((non-fast-forward|fetch first)\)|Updates were rejected because/,
    message: (_m, c) => `The remote${where(c)} has commits you do not have yet; pull first, then push again.`,
  },
  {
    code: 'GIT_AUTH_FAILED',
    pattern:
      /Authentication failed|HTTP Basic: Access denied|could not read (Username|Password)|returned error: 40[13]|Invalid username or password|terminal prompts disabled/,
    message: (_m, c) =>
      `The git server${where(c)} refused the credentials: check the token and that it may access this repository.`,
  },
  {
    code: 'GIT_REMOTE_UNREACHABLE',
    pattern: /SSL certificate problem|server certificate verification failed|SSL_connect|gnutls_handshake/,
    message: (_m, c) =>
      `The TLS certificate of the git server${where(c)} is not trusted; nothing was changed locally.`,
  },
  {
    code: 'GIT_REMOTE_UNREACHABLE',
    pattern:
      /Could not resolve host|Failed to connect to|Connection refused|Connection timed out|Operation timed out|Couldn't connect to server|Connection reset|Empty reply from server|Recv failure|Could not connect|Network is unreachable/,
    message: (_m, c) =>
      `Cannot reach the git server${where(c)}; nothing was changed locally. Work offline and try again when it is back.`,
  },
  {
    code: 'GIT_REMOTE_UNREACHABLE',
    // The server went away mid-exchange; git may still add a misleading "Everything up-to-date".
    pattern:
      /RPC failed; (curl (18|52|55|56)|HTTP 5\d\d)|transfer closed with outstanding read data|the remote end hung up unexpectedly|unexpected disconnect/,
    message: (_m, c) =>
      `The connection to the git server${where(c)} broke during the ${c.verb.replace(/^git /, '')}; nothing was lost locally. Try again once the server answers.`,
  },
  {
    code: 'GIT_NOT_A_GIT_SERVER',
    pattern: /not valid: is this a git repository|dumb http transport|unexpected content-type/i,
    message: (_m, c) => `${c.host ?? 'The URL'} answered, but not as a git server; check the repository URL.`,
  },
  {
    code: 'GIT_NOT_FOUND',
    pattern: /not a git repository \(or any/,
    message: () => 'The local repository folder is missing or damaged.',
  },
  {
    code: 'GIT_NOT_FOUND',
    pattern:
      /repository '.*' not found|returned error: 404|does not appear to be a git repository|Repository not found/,
    message: (_m, c) =>
      `The repository was not found on the git server${where(c)}; check the URL and that the token can see it.`,
  },
  {
    code: 'GIT_DIRTY_WORK_TREE',
    pattern:
      /would be overwritten by|Please commit your changes or stash them|untracked working tree files would be|not uptodate. Cannot merge/,
    message: () =>
      'You have uncommitted changes that this would overwrite; commit them, or choose to carry or discard them.',
  },
  {
    code: 'GIT_BRANCH_EXISTS',
    pattern: /a branch named '([^']+)' already exists|fatal: A branch named '([^']+)' already exists/i,
    message: (m) => `A branch named '${m[1] ?? m[2]}' already exists.`,
  },
  {
    code: 'GIT_TAG_EXISTS',
    pattern: /tag '([^']+)' already exists/,
    message: (m) => `A tag named '${m[1]}' already exists.`,
  },
  {
    code: 'GIT_INVALID_REF',
    pattern:
      /is not a valid (branch|tag) name|not a valid ref|invalid reference|bad revision|unknown revision|not something we can merge|invalid object name|Needed a single revision|couldn't find remote ref/i,
    message: (_m, c) => `${c.verb}: that branch, tag or commit does not exist.`,
  },
  {
    code: 'GIT_NO_UPSTREAM',
    pattern: /no tracking information|has no upstream branch|no upstream configured/i,
    message: () => 'This branch has no upstream on the remote yet; push it first.',
  },
  {
    code: 'GIT_NOT_MERGING',
    pattern: /There is no merge to abort|MERGE_HEAD missing|no merge in progress/i,
    message: () => 'No merge is in progress.',
  },
  {
    code: 'GIT_LOCKED',
    pattern: /\.lock': File exists|Unable to create '.*\.lock'/,
    message: () => 'Another git process is working in this repository; try again in a moment.',
  },
  {
    code: 'GIT_EMPTY_REPOSITORY',
    pattern: /does not have any commits yet|ambiguous argument 'HEAD'|bad default revision 'HEAD'/,
    message: () => 'The repository has no commits yet.',
  },
  {
    code: 'GIT_NOTHING_TO_COMMIT',
    pattern: /nothing to commit|nothing added to commit|no changes added to commit/,
    message: () => 'Nothing to commit: stage changes first.',
  },
];

/** Turns a failed git call into a GitError from the closed set; the raw stderr is kept as `cause` for logs. */
export function classifyGitFailure(stderr: string, exitCode: number, context: ErrorContext): GitError {
  for (const rule of RULES) {
    const match = stderr.match(rule.pattern);
    if (match) return new GitError(rule.code, rule.message(match, context), { cause: stderr });
  }
  // git's own complaint, not its progress lines ("Enumerating objects…") that come before it.
  const lines = stderr.split(/[\r\n]+/).map((line) => line.trim());
  const complaint =
    lines.find((line) => /^(fatal|error): /.test(line)) ?? lines.find((line) => line.length > 0);
  const firstLine = complaint?.replace(/^(fatal|error): /, '') ?? `exit code ${exitCode}`;
  return new GitError('GIT_FAILED', `git ${context.verb} failed: ${firstLine}`, { cause: stderr });
}
