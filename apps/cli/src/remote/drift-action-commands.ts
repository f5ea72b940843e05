// `drift adopt` and `drift put-back`: keep what an environment holds in a new branch, or deploy the live version
// there again.
import { DeployPlan } from '@superset-git/contracts';
import { CliError, EXIT, UsageError } from '../cli-errors.ts';
import { COMMON_HELP, requiredOption, stringOption, type Command, type CommandContext } from '../command.ts';
import { planText } from '../plan-text.ts';
import { dashboardOf, environmentNamed } from './remote-lookup.ts';
import { follow, SERVER_HELP, SERVER_OPTIONS, serverFrom } from './server-api.ts';

const OPTIONS = {
  ...SERVER_OPTIONS,
  dashboard: { type: 'string', short: 'd' },
  environment: { type: 'string' },
  env: { type: 'string' },
} as const;

function dashboardArgument(context: CommandContext): string {
  const [first] = context.positionals;
  return dashboardOf(first ? { ...context, values: { ...context.values, dashboard: first } } : context);
}

function environmentOf(context: CommandContext, usage: string): string {
  const wanted = stringOption(context.values, 'environment') ?? stringOption(context.values, 'env');
  if (!wanted) throw new UsageError(`Give the environment: ${usage}.`);
  return wanted;
}

export const driftAdopt: Command = {
  name: 'drift adopt',
  help: `Usage: superset-git drift adopt UUID --environment NAME|ID --branch NAME [server options]

Commits what the environment holds onto a new branch that starts at its live deployment; the repository's
database connections are kept. The current branch and work tree are not touched.

Options:
  --environment NAME|ID  The environment whose version to keep (also --env)
  --branch NAME          The new branch
${SERVER_HELP}
${COMMON_HELP}`,
  options: { ...OPTIONS, branch: { type: 'string' } },
  async run(context) {
    const api = serverFrom(context);
    const uuid = dashboardArgument(context);
    const env = await environmentNamed(
      api,
      environmentOf(context, 'superset-git drift adopt UUID --environment NAME --branch NAME'),
    );
    const branch = requiredOption(context.values, 'branch');
    const adopted = await api.POST('/api/dashboards/{uuid}/drift/adopt', {
      params: { path: { uuid } },
      body: { environmentId: env.id, branch },
    });
    const lines = [
      context.out.colour.green(
        `Branch ${adopted.branch} (${adopted.sha.slice(0, 7)}) holds ${env.name}'s version: ${adopted.changed} object(s) differ from the live deployment.`,
      ),
      ...adopted.notReversed.map((line) => `Kept as on ${env.name}: ${line}`),
    ];
    context.out.result(lines.join('\n'), adopted);
    return EXIT.ok;
  },
};

export const driftPutBack: Command = {
  name: 'drift put-back',
  help: `Usage: superset-git drift put-back UUID --environment NAME|ID [--dry-run] [server options]

Deploys the version live on the environment again, undoing edits made there; shows the plan first.

Options:
  --environment NAME|ID  The environment to put back (also --env)
  --dry-run              Only show the plan
${SERVER_HELP}
${COMMON_HELP}`,
  options: { ...OPTIONS, 'dry-run': { type: 'boolean' } },
  async run(context) {
    const { out } = context;
    const api = serverFrom(context);
    const uuid = dashboardArgument(context);
    const env = await environmentNamed(
      api,
      environmentOf(context, 'superset-git drift put-back UUID --environment NAME'),
    );
    const put = (dryRun: boolean) =>
      api.POST('/api/dashboards/{uuid}/drift/put-back', {
        params: { path: { uuid } },
        body: { environmentId: env.id, dryRun },
      });
    const planned = DeployPlan.parse((await put(true)).plan);
    const heading = `Putting ${env.name} back to ${planned.ref} (${planned.sha.slice(0, 7)})`;
    if (planned.errors.length > 0 || context.values['dry-run']) {
      out.result(planText(heading, planned, out.colour), { plan: planned, deployment: null });
      return planned.errors.length > 0 ? EXIT.planErrors : EXIT.ok;
    }
    out.progress(planText(heading, planned, out.colour));
    const started = await put(false);
    const deployment = started.deployment!;
    const task = await follow(api, deployment.taskId!, out);
    const final = await api.GET('/api/deployments/{id}', { params: { path: { id: deployment.id } } });
    if (task.state === 'FAILED' || final.state === 'FAILED')
      throw new CliError(final.message ?? task.error ?? `Deployment ${final.id} failed.`);
    out.result(out.colour.green(`${env.name} is back at ${final.ref} (deployment ${final.id}).`), {
      plan: started.plan,
      deployment: final,
    });
    return EXIT.ok;
  },
};
