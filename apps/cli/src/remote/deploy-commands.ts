// `deploy --env` (through the server), `deployments` and `rollback`.
import { DeployPlan } from '@superset-git/contracts';
import { CliError, EXIT, type ExitCode } from '../cli-errors.ts';
import { table } from '../cli-output.ts';
import { COMMON_HELP, requiredOption, stringOption, type Command, type CommandContext } from '../command.ts';
import { planText } from '../plan-text.ts';
import { DASHBOARD_HELP, dashboardOf, environmentNamed } from './remote-lookup.ts';
import { follow, SERVER_HELP, SERVER_OPTIONS, serverFrom } from './server-api.ts';

export const SERVER_DEPLOY_HELP = `  --env NAME            Deploy through the server into this environment
  --ref REF             The branch, tag or commit to deploy (default: the current branch)
${DASHBOARD_HELP}
${SERVER_HELP}`;

/** Shows the plan; stops with exit 3 when it has problems; otherwise deploys and follows the task. */
export async function deployThroughServer(context: CommandContext): Promise<ExitCode> {
  const { values, out } = context;
  const api = serverFrom(context);
  const uuid = dashboardOf(context);
  const env = await environmentNamed(api, requiredOption(values, 'env'));
  const ref = stringOption(values, 'ref') ?? 'HEAD';
  const body = { environmentId: env.id, ref };
  const planned = await api.POST('/api/dashboards/{uuid}/deploy', {
    params: { path: { uuid } },
    body: { ...body, dryRun: true },
  });
  // The contract, not the OpenAPI types, knows the summary has one count per action.
  const plan = DeployPlan.parse(planned.plan);
  const heading = `Plan for ${env.name} at ${ref} (${plan.sha.slice(0, 7)})`;
  if (plan.errors.length > 0 || values['dry-run']) {
    out.result(planText(heading, plan, out.colour), { plan, deployment: null });
    return plan.errors.length > 0 ? EXIT.planErrors : EXIT.ok;
  }
  out.progress(planText(heading, plan, out.colour));
  const started = await api.POST('/api/dashboards/{uuid}/deploy', {
    params: { path: { uuid } },
    body: { ...body, dryRun: false },
  });
  const deployment = started.deployment!;
  const task = await follow(api, deployment.taskId!, out);
  const final = await api.GET('/api/deployments/{id}', { params: { path: { id: deployment.id } } });
  if (task.state === 'FAILED' || final.state === 'FAILED')
    throw new CliError(final.message ?? task.error ?? `Deployment ${final.id} failed.`);
  out.result(out.colour.green(`Deployment ${final.id}: ${final.message ?? final.state} to ${env.name}.`), {
    plan: started.plan,
    deployment: final,
  });
  return EXIT.ok;
}

export const deploymentsCommand: Command = {
  name: 'deployments',
  help: `Usage: superset-git deployments [-d UUID] [--env NAME] [server options]\n\nOptions:\n  -d, --dashboard UUID  Only this dashboard's\n  --env NAME            Only into this environment\n${SERVER_HELP}\n${COMMON_HELP}`,
  options: { ...SERVER_OPTIONS, dashboard: { type: 'string', short: 'd' }, env: { type: 'string' } },
  async run(context) {
    const api = serverFrom(context);
    const envName = stringOption(context.values, 'env');
    const env = envName ? await environmentNamed(api, envName) : null;
    const dashboard = stringOption(context.values, 'dashboard') ? dashboardOf(context) : undefined;
    const { items } = await api.GET('/api/deployments', {
      params: { query: { dashboard, environment: env?.id } },
    });
    const rows = items.map((item) => [
      String(item.id),
      item.kind,
      item.state,
      item.ref,
      item.sha.slice(0, 7),
      item.createdAt,
      item.createdBy ?? '',
      item.canRollBack ? 'yes' : 'no',
    ]);
    context.out.result(
      items.length
        ? table([['id', 'kind', 'state', 'ref', 'sha', 'at', 'by', 'can roll back'], ...rows])
        : 'No deployments.',
      { items },
    );
    return EXIT.ok;
  },
};

export const rollbackCommand: Command = {
  name: 'rollback',
  help: `Usage: superset-git rollback ID [server options]\n\nOptions:\n${SERVER_HELP}\n${COMMON_HELP}`,
  options: SERVER_OPTIONS,
  async run(context) {
    const api = serverFrom(context);
    const id = Number(context.positionals[0]);
    if (!Number.isInteger(id) || id <= 0)
      throw new CliError('Give the deployment id: superset-git rollback ID.', EXIT.usage);
    const started = await api.POST('/api/deployments/{id}/rollback', { params: { path: { id } } });
    const task = await follow(api, started.taskId!, context.out);
    const final = await api.GET('/api/deployments/{id}', { params: { path: { id: started.id } } });
    if (task.state === 'FAILED' || final.state === 'FAILED')
      throw new CliError(final.message ?? task.error ?? 'The rollback failed.');
    context.out.result(context.out.colour.green(final.message ?? `Rolled back deployment ${id}.`), {
      deployment: final,
    });
    return EXIT.ok;
  },
};
