// `superset-git export`: one dashboard from Superset into a folder as the same normalized YAML a server's sync
// writes; unchanged files are left untouched, so `git diff` afterwards shows only real edits.
import fs from 'node:fs';
import path from 'node:path';
import { writeTree } from '@superset-git/server/tree-writer';
import { exportDashboardBundle, findDashboard, normalizeBundle, readBundle } from '@superset-git/superset';
import { CliError, EXIT } from '../cli-errors.ts';
import { COMMON_HELP, requiredOption, type Command } from '../command.ts';
import { SUPERSET_HELP, SUPERSET_OPTIONS, supersetFrom } from '../superset-target.ts';

export const exportCommand: Command = {
  name: 'export',
  help: `Usage: superset-git export --dashboard <uuid|slug|id> --out DIR [Superset options]

Writes metadata.yaml, dashboard.yaml, charts/, datasets/ and databases/ into DIR, as a server's sync does.
Files of objects the dashboard no longer has are removed; other files in DIR are left alone.

Options:
  --dashboard REF       The dashboard: its uuid, slug or numeric id
  --out DIR             The folder (created when missing), usually a git checkout
${SUPERSET_HELP}
${COMMON_HELP}`,
  options: { ...SUPERSET_OPTIONS, dashboard: { type: 'string' }, out: { type: 'string' } },
  async run(context) {
    const { values, out } = context;
    const ref = requiredOption(values, 'dashboard', 'its uuid, slug or id');
    const dir = path.resolve(requiredOption(values, 'out', 'the folder to write into'));
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory())
      throw new CliError(`--out ${dir} is a file, not a folder.`, EXIT.usage);
    const client = await supersetFrom(context);
    out.progress(`Finding dashboard '${ref}' on ${client.baseUrl}`);
    const found = await findDashboard(client, ref);
    if (!found) throw new CliError(`Superset at ${client.baseUrl} has no dashboard '${ref}'.`);
    out.progress(`Exporting dashboard ${found.uuid}`);
    const tree = normalizeBundle(readBundle(await exportDashboardBundle(client, found.uuid)).files);
    fs.mkdirSync(dir, { recursive: true });
    const { written, removed } = writeTree(dir, tree);
    const summary =
      written.length + removed.length === 0
        ? `${dir} already matches Superset (${tree.size} files).`
        : `Wrote ${written.length} and removed ${removed.length} of ${tree.size} files in ${dir}.`;
    out.result(summary, { dashboardUuid: found.uuid, dir, files: [...tree.keys()], written, removed });
    return EXIT.ok;
  },
};
