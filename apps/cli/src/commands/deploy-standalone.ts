// `superset-git deploy DIR --url …`: the plan and import a server's deploy makes, from a folder of normalized
// YAML (or an export ZIP, e.g. a kept snapshot) straight into one Superset, for pipelines with no server.
import fs from 'node:fs';
import path from 'node:path';
import { readTree } from '@superset-git/superset';
import {
  applyOverrides,
  importIntoTarget,
  normalizeBundle,
  planDeploy,
  readBundle,
  type NormalizedTree,
} from '@superset-git/superset';
import { CliError, EXIT, UsageError, type ExitCode } from '../cli-errors.ts';
import { secretFromEnv, stringOption, type CommandContext } from '../command.ts';
import { planText } from '../plan-text.ts';
import { supersetFrom } from '../superset-target.ts';

export const STANDALONE_DEPLOY_HELP = `  DIR                       A folder of normalized YAML (a checkout) or an export ZIP
  --db-password UUID=VAR    The password of database UUID, from environment variable VAR (repeatable)
  --db-uri UUID=VAR         Point database UUID at the SQLAlchemy URI in VAR (repeatable)
  --dataset-schema NAME     Put every dataset in this schema
  --snapshot-out FILE       Keep the target's previous version as a ZIP (deploy it to go back)`;

/** `UUID=VAR` pairs into a map of uuid → the variable's value. */
function fromEnvPairs(values: unknown, option: string, what: string): Map<string, string> {
  const pairs = Array.isArray(values) ? (values as string[]) : [];
  const map = new Map<string, string>();
  for (const pair of pairs) {
    const match = /^([0-9a-fA-F-]{36})=([A-Za-z_][A-Za-z0-9_]*)$/.exec(pair);
    if (!match)
      throw new UsageError(
        `--${option} takes <database-uuid>=<ENV_VAR>, not '${pair}' (${what} come only from the environment).`,
      );
    map.set(match[1]!.toLowerCase(), secretFromEnv(match[2]!, `${what} of database ${match[1]}`));
  }
  return map;
}

function readSource(source: string): NormalizedTree {
  if (!fs.existsSync(source)) throw new CliError(`${source} does not exist.`, EXIT.usage);
  if (fs.statSync(source).isDirectory()) {
    const tree = readTree(source);
    if (!tree.has('dashboard.yaml'))
      throw new CliError(`${source} holds no dashboard.yaml; export a dashboard into it first.`);
    return tree;
  }
  return normalizeBundle(readBundle(fs.readFileSync(source)).files);
}

export async function deployStandalone(context: CommandContext): Promise<ExitCode> {
  const { values, positionals, out } = context;
  const source = path.resolve(positionals[0]!);
  const passwords = fromEnvPairs(values['db-password'], 'db-password', 'passwords');
  const uris = fromEnvPairs(values['db-uri'], 'db-uri', 'URIs');
  const tree = applyOverrides(readSource(source), {
    databaseUris: uris,
    datasetSchema: stringOption(values, 'dataset-schema') ?? null,
    dashboardSlug: null,
    dashboardTitle: null,
  });
  const client = await supersetFrom(context);
  out.progress(`Planning against ${client.baseUrl}`);
  const plan = await planDeploy(client, tree, { hasPassword: (uuid) => passwords.has(uuid) });
  const heading = `Plan for ${client.baseUrl} (dashboard ${plan.dashboardUuid ?? 'none'})`;
  const report = (deployed: boolean, extra: Record<string, unknown> = {}) =>
    out.result(planText(heading, plan, out.colour) + (deployed ? `\n${out.colour.green('Deployed.')}` : ''), {
      target: client.baseUrl,
      ...plan,
      deployed,
      ...extra,
    });
  if (plan.errors.length > 0) {
    report(false);
    return EXIT.planErrors;
  }
  if (values['dry-run']) {
    report(false);
    return EXIT.ok;
  }
  const snapshotOut = stringOption(values, 'snapshot-out');
  const { snapshot } = await importIntoTarget(client, tree, {
    uuid: plan.dashboardUuid!,
    items: plan.items,
    passwords,
    log: (line) => out.progress(line),
    onSnapshot: (kept) => {
      if (kept && snapshotOut) fs.writeFileSync(snapshotOut, kept);
    },
  });
  report(true, { snapshot: snapshot && snapshotOut ? path.resolve(snapshotOut) : null });
  return EXIT.ok;
}
