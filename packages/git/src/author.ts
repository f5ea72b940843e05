// The commit author is the superset-git user who asked for the change.
import type { GitPerson } from '@superset-git/contracts';

export function authorEnv(author: GitPerson): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  };
}
