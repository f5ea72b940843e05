// A dashboard's files at a ref, as the tree the superset package compares, plans and imports.
import { filesAtRef, type Repo } from '@superset-git/git';
import { isManagedPath, type NormalizedTree } from '@superset-git/superset';

/** The tree at `ref`, with the commit the ref named when it was read. */
export async function commitTree(repo: Repo, ref: string): Promise<{ sha: string; tree: NormalizedTree }> {
  const { sha, files } = await filesAtRef(repo, { ref, keep: isManagedPath });
  return { sha, tree: new Map([...files].map(([path, bytes]) => [path, bytes.toString('utf8')])) };
}

export async function treeAt(repo: Repo, ref: string): Promise<NormalizedTree> {
  return (await commitTree(repo, ref)).tree;
}
