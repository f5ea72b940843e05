// Reads commits printed with COMMIT_FORMAT: fields split by US (0x1f), commits split by NUL (`-z`).
import type { CommitSummary, GitCommit } from '@superset-git/contracts';

export const COMMIT_FORMAT = '%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI%x1f%s%x1f%b';

export function parseCommit(record: string): GitCommit {
  const [oid = '', parents = '', authorName = '', authorEmail = '', authoredAt = '', ...rest] = record
    .replace(/^\n/, '')
    .split('\x1f');
  const [committerName = '', committerEmail = '', committedAt = '', subject = '', ...body] = rest;
  return {
    oid,
    parents: parents ? parents.split(' ') : [],
    subject,
    // A body holding 0x1f would have been split; join it back.
    body: body.join('\x1f').replace(/\n+$/, ''),
    author: { name: authorName, email: authorEmail },
    authoredAt,
    committer: { name: committerName, email: committerEmail },
    committedAt,
  };
}

/** Commits from `git log -z --format=COMMIT_FORMAT`. */
export function parseCommits(output: string): GitCommit[] {
  return output
    .split('\0')
    .filter((record) => record.trim().length > 0)
    .map(parseCommit);
}

export function summaryOf(commit: GitCommit): CommitSummary {
  return { oid: commit.oid, subject: commit.subject, author: commit.author, authoredAt: commit.authoredAt };
}
