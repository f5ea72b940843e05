// `cat-file --batch`: the contents of many objects from one git process, instead of one process each.
import { GitError } from './git-error.ts';
import type { Git } from './repo.ts';

/** Each object's content, in the order asked; call inside the read or write that produced the ids. */
export async function readBlobs(git: Git, oids: readonly string[]): Promise<Buffer[]> {
  if (oids.length === 0) return [];
  const batch = await git(['cat-file', '--batch'], { stdin: oids.join('\n') + '\n' });
  // `<oid> <type> <size>\n<content>\n` for each, in order.
  const out = batch.stdoutBytes;
  const contents: Buffer[] = [];
  let offset = 0;
  for (let index = 0; index < oids.length; index += 1) {
    const headerEnd = out.indexOf(0x0a, offset);
    const header = out.subarray(offset, headerEnd).toString('utf8').split(' ');
    if (header[1] === 'missing')
      throw new GitError('GIT_REPO_DAMAGED', `Object ${oids[index]} is missing: the repository is damaged.`);
    const size = Number(header[2]);
    contents.push(out.subarray(headerEnd + 1, headerEnd + 1 + size));
    offset = headerEnd + 1 + size + 1;
  }
  return contents;
}
