// Who a commit names: the author (who made the change) and the committer (who recorded it), the same person
// unless told otherwise, e.g. a Superset user's edits committed by the superset-git user who pressed Commit.
import type { GitPerson } from '@superset-git/contracts';

export function authorEnv(author: GitPerson, committer: GitPerson = author): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
  };
}
