// `drift UUID --environment NAME|ID [--ref REF]`: an environment compared with a ref of the dashboard's repository,
// object by object; exit 1 when anything differs, for a pipeline that must stop on drift.
import { EXIT, UsageError } from '../cli-errors.ts';
import { table } from '../cli-output.ts';
import { COMMON_HELP, stringOption, type Command, type CommandContext } from '../command.ts';
import { environmentNamed, dashboardOf } from './remote-lookup.ts';
import { SERVER_HELP, SERVER_OPTIONS, serverFrom } from './server-api.ts';

const KIND_TEXT = { new: 'new', different: 'different', missing: 'missing from the ref' } as const;

/** The dashboard as the first word, or --dashboard / SUPERSET_GIT_DASHBOARD as elsewhere. */
function dashboardArgument(context: CommandContext): string {
  const [first] = context.positionals;
  return dashboardOf(first ? { ...context, values: { ...context.values, dashboard: first } } : context);
}

export const driftCommand: Command = {
  name: 'drift',
  help: `Usage: superset-git drift UUID --environment NAME|ID [--ref REF] [server options]

Compares what the environment holds now with a ref of the dashboard's repository, after the environment's deploy
settings, as a deploy of that ref would import it. Exit 0: the same; exit 1: something differs.

Options:
  --environment NAME|ID  The environment to compare (also --env)
  --ref REF              A branch, tag or commit (default: the version live there, else the current branch)
${SERVER_HELP}
${COMMON_HELP}`,
  options: {
    ...SERVER_OPTIONS,
    dashboard: { type: 'string', short: 'd' },
    environment: { type: 'string' },
    env: { type: 'string' },
    ref: { type: 'string' },
  },
  async run(context) {
    const { values, out } = context;
    const api = serverFrom(context);
    const uuid = dashboardArgument(context);
    const wanted = stringOption(values, 'environment') ?? stringOption(values, 'env');
    if (!wanted) throw new UsageError('Give the environment: superset-git drift UUID --environment NAME.');
    const env = await environmentNamed(api, wanted);
    const ref = stringOption(values, 'ref');
    const drift = await api.GET('/api/dashboards/{uuid}/drift', {
      params: { path: { uuid }, query: { environment: env.id, ...(ref ? { ref } : {}) } },
    });
    const heading = `${env.name} against ${drift.against.ref} (${drift.against.sha.slice(0, 7)}${drift.against.live ? ', live there' : ''})`;
    const counts = `${drift.items.length} differ, ${drift.unchanged} unchanged.`;
    if (drift.items.length === 0) {
      out.result(out.colour.green(`${heading}: the same. ${counts}`), drift);
      return EXIT.ok;
    }
    const rows = drift.items.map((item) => [
      KIND_TEXT[item.kind],
      item.objectType,
      item.name ?? item.uuid,
      item.changes.join('; '),
    ]);
    out.result(`${heading}:\n${table([['', 'object', 'name', 'what changed'], ...rows])}\n${counts}`, drift);
    return EXIT.failed;
  },
};
