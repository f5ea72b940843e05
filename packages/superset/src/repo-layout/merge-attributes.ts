// The repository's `.gitattributes`, naming superset-git's merge driver for the YAML files, so a plain
// `git merge` in a clone where the driver is configured merges them field by field. It is not a file a sync owns
// (a person may add lines to it): it is written only when missing, so it never shows as a change on each sync.
import fs from 'node:fs';
import path from 'node:path';

export const GITATTRIBUTES_FILE = '.gitattributes';

/** The driver's name in `git config merge.<name>.driver`. */
export const MERGE_DRIVER_NAME = 'superset-git';

export const GITATTRIBUTES_TEXT = `# Merge the dashboard's YAML field by field where the superset-git merge driver is configured (see its README);
# elsewhere git merges them line by line as usual.
*.yaml merge=${MERGE_DRIVER_NAME}
`;

/** Writes `.gitattributes` when the repository has none; answers whether it did. */
export function writeMergeAttributes(root: string): boolean {
  const file = path.join(root, GITATTRIBUTES_FILE);
  if (fs.lstatSync(file, { throwIfNoEntry: false })) return false;
  fs.writeFileSync(file, GITATTRIBUTES_TEXT);
  return true;
}
