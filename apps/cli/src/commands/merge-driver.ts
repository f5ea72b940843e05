// `superset-git merge-driver %O %A %B %P`: git's merge driver for the dashboard's YAML, so a plain `git merge`
// merges it field by field as the server does. Needs no server. Writes the result into %A; exits 0 when clean,
// 1 when a field (or, for a file that is not such YAML, a line) is in conflict, with markers around it only.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { fieldConflictLine, mergeYamlFile } from '@superset-git/superset';
import { EXIT, UsageError, type ExitCode } from '../cli-errors.ts';
import type { Command } from '../command.ts';

/** git's own text merge of the three files, into `current`; answers whether it left conflicts. */
function textMerge(base: string, current: string, other: string): boolean {
  try {
    execFileSync('git', ['merge-file', '-L', 'mine', '-L', 'base', '-L', 'theirs', current, base, other], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return false;
  } catch (error) {
    const status = (error as { status?: number | null }).status;
    // merge-file exits with the number of conflicts; anything negative (255 and up) is a failure of its own.
    if (typeof status === 'number' && status > 0 && status < 128) return true;
    throw error;
  }
}

export const mergeDriverCommand: Command = {
  name: 'merge-driver',
  help: `Usage: superset-git merge-driver %O %A %B %P

A git merge driver: merges the dashboard's YAML object by object and field by field, as the superset-git
server's pull and merge do. git runs it with the ancestor's (%O), our (%A) and their (%B) versions and the
file's path (%P); the result is written into %A. Exits 0 when the merge is clean and 1 when fields are in
conflict (the file then has conflict markers around those fields only). A file that is not such YAML gets
git's own line merge. Enable it in a clone with:

  git config merge.superset-git.name "superset-git structural merge"
  git config merge.superset-git.driver "superset-git merge-driver %O %A %B %P"

and a .gitattributes line '*.yaml merge=superset-git' (superset-git writes it).`,
  options: {},
  async run({ positionals }): Promise<ExitCode> {
    if (positionals.length !== 4)
      throw new UsageError(
        `merge-driver takes four arguments (%O %A %B %P), got ${positionals.length}. See 'superset-git merge-driver --help'.`,
      );
    const [basePath, currentPath, otherPath, path] = positionals as [string, string, string, string];
    const base = fs.readFileSync(basePath, 'utf8');
    const result = mergeYamlFile({
      path,
      // git gives an empty file when the ancestor had none.
      base: base === '' ? null : base,
      mine: fs.readFileSync(currentPath, 'utf8'),
      theirs: fs.readFileSync(otherPath, 'utf8'),
    });
    if (result.kind === 'text') {
      process.stderr.write(`superset-git: ${path}: line merge (${result.reason})\n`);
      return textMerge(basePath, currentPath, otherPath) ? EXIT.failed : EXIT.ok;
    }
    fs.writeFileSync(currentPath, result.text);
    for (const conflict of result.conflicts)
      process.stderr.write(`superset-git: ${fieldConflictLine(result.object, path, conflict)}\n`);
    return result.conflicts.length > 0 ? EXIT.failed : EXIT.ok;
  },
};
