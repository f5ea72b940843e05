// Keeps history queries fast on long histories: a commit-graph with changed-path Bloom filters lets
// `log -- <path>` skip commits without opening their trees.
import type { Repo } from './repo.ts';

export async function optimize(repo: Repo): Promise<void> {
  return repo.write(async (git) => {
    await git(['commit-graph', 'write', '--reachable', '--changed-paths', '--no-progress']);
  });
}
