// The project's history is read by people: every commit since the codebase took its current shape has a subject
// a log line can show whole. Older commits are left as they were written.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** The first commit held to this rule ("Name every request and response schema; switch, not checkout"). */
const SINCE = '579c52b';
const MAX_SUBJECT = 72;

function git(args: string[]): string {
  return execFileSync('git', args, { encoding: 'utf8' });
}

describe('commit messages', () => {
  it(`have a subject of at most ${MAX_SUBJECT} characters, then a blank line before any body`, () => {
    // A shallow clone may not hold the starting commit: then every commit it holds is checked.
    let known = true;
    try {
      git(['cat-file', '-e', `${SINCE}^{commit}`]);
    } catch {
      known = false;
    }
    const range = known ? [`${SINCE}^..HEAD`] : ['HEAD'];
    const commits = git(['log', '--format=%h%x00%B%x1e', ...range])
      .split('\x1e')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => {
        const [sha, message = ''] = entry.split('\0');
        const lines = message.split('\n');
        return { sha, subject: lines[0]!, second: lines[1] };
      });
    expect(commits.length).toBeGreaterThan(0);
    const offending = commits
      .filter(
        (commit) =>
          commit.subject.length > MAX_SUBJECT || (commit.second !== undefined && commit.second !== ''),
      )
      .map((commit) => `${commit.sha} ${commit.subject}`);
    expect(offending).toEqual([]);
  });
});
