// `superset-git export`: dashboards from Superset into a folder as the same normalized YAML a server's sync
// writes; unchanged files are left untouched, so `git diff` afterwards shows only real edits.
import fs from 'node:fs';
import path from 'node:path';
import { writeTree } from '@superset-git/superset';
import {
  exportDashboardBundle,
  findDashboard,
  normalizeBundle,
  readBundle,
  type SupersetClient,
} from '@superset-git/superset';
import { CliError, EXIT, UsageError } from '../cli-errors.ts';
import { COMMON_HELP, requiredOption, type Command } from '../command.ts';
import type { Output } from '../cli-output.ts';
import { SUPERSET_HELP, SUPERSET_OPTIONS, supersetFrom } from '../superset-target.ts';

/** Exports at once, at most this many: Superset serves them in parallel without slowing each down much. */
const PARALLEL = 4;

interface Exported {
  ref: string;
  dashboardUuid: string;
  dir: string;
  files: string[];
  written: string[];
  removed: string[];
}

async function exportOne(client: SupersetClient, ref: string, dir: string, out: Output): Promise<Exported> {
  const found = await findDashboard(client, ref);
  if (!found) throw new CliError(`Superset at ${client.baseUrl} has no dashboard '${ref}'.`);
  const tree = normalizeBundle(readBundle(await exportDashboardBundle(client, found.uuid, found.id)).files);
  fs.mkdirSync(dir, { recursive: true });
  const { written, removed } = writeTree(dir, tree);
  out.progress(`Exported '${ref}' (${found.uuid}): ${written.length} written, ${removed.length} removed`);
  return { ref, dashboardUuid: found.uuid, dir, files: [...tree.keys()], written, removed };
}

export const exportCommand: Command = {
  name: 'export',
  help: `Usage: superset-git export --dashboard <uuid|slug|id>… --out DIR [Superset options]

Writes metadata.yaml, dashboard.yaml, charts/, datasets/ and databases/ into DIR, as a server's sync does.
Files of objects the dashboard no longer has are removed; other files in DIR are left alone.
With several --dashboard, each goes into its own folder DIR/<what you gave>.

Options:
  --dashboard REF       The dashboard: its uuid, slug or numeric id (repeatable)
  --out DIR             The folder (created when missing), usually a git checkout
${SUPERSET_HELP}
${COMMON_HELP}`,
  options: { ...SUPERSET_OPTIONS, dashboard: { type: 'string', multiple: true }, out: { type: 'string' } },
  async run(context) {
    const { values, out } = context;
    const refs = [...new Set((values.dashboard as string[] | undefined) ?? [])];
    if (refs.length === 0) throw new UsageError('--dashboard is required (its uuid, slug or id).');
    // Each also names a folder under --out: no separators, no '.' or '..'.
    const invalid = refs.find((ref) => !/^[^\s/\\]+$/.test(ref) || ref === '.' || ref === '..');
    if (invalid) throw new UsageError(`--dashboard '${invalid}' is not a uuid, slug or id.`);
    const root = path.resolve(requiredOption(values, 'out', 'the folder to write into'));
    if (fs.existsSync(root) && !fs.statSync(root).isDirectory())
      throw new CliError(`--out ${root} is a file, not a folder.`, EXIT.usage);
    const client = await supersetFrom(context);
    out.progress(`Exporting ${refs.length} dashboard(s) from ${client.baseUrl}`);
    const results: Exported[] = [];
    const queue = [...refs];
    const worker = async () => {
      for (let ref = queue.shift(); ref !== undefined; ref = queue.shift())
        results.push(await exportOne(client, ref, refs.length === 1 ? root : path.join(root, ref), out));
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, refs.length) }, worker));
    results.sort((a, b) => refs.indexOf(a.ref) - refs.indexOf(b.ref));
    const lines = results.map(({ dir, files, written, removed }) =>
      written.length + removed.length === 0
        ? `${dir} already matches Superset (${files.length} files).`
        : `Wrote ${written.length} and removed ${removed.length} of ${files.length} files in ${dir}.`,
    );
    out.result(lines.join('\n'), refs.length === 1 ? results[0] : { dashboards: results });
    return EXIT.ok;
  },
};
