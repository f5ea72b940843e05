// `pr create|list`: pull requests (GitLab: merge requests) of a dashboard's branches on its GitHub, GitLab or Gitea
// repository, through the server: the title and description are prefilled from the branch's commits unless given.
import { CliError, EXIT, UsageError } from '../cli-errors.ts';
import { table } from '../cli-output.ts';
import { COMMON_HELP, stringOption, type Command, type CommandContext } from '../command.ts';
import { dashboardOf } from './remote-lookup.ts';
import { follow, SERVER_HELP, SERVER_OPTIONS, serverFrom } from './server-api.ts';

const OPTIONS = { ...SERVER_OPTIONS, dashboard: { type: 'string', short: 'd' } } as const;

/** The dashboard as the first word (`pr create UUID`), or -d / SUPERSET_GIT_DASHBOARD. */
function dashboardArgument(context: CommandContext, verb: string): string {
  if (context.positionals.length > 1)
    throw new UsageError(`One dashboard at a time: '${context.positionals.slice(1).join(' ')}' is extra.`);
  const given = context.positionals[0];
  if (given && stringOption(context.values, 'dashboard'))
    throw new UsageError(`Give the dashboard once: as superset-git pr ${verb} UUID, or with -d.`);
  return dashboardOf(given ? { ...context, values: { ...context.values, dashboard: given } } : context);
}

const DASHBOARD_HELP = `  -d, --dashboard UUID  The dashboard, instead of the first word (or SUPERSET_GIT_DASHBOARD)`;

export const prCreate: Command = {
  name: 'pr create',
  help: `Usage: superset-git pr create UUID [--branch B] [--base main] [--title T] [--body TEXT] [server options]

Opens a pull request (a merge request on GitLab) from a branch of the dashboard's repository, pushing the branch
first when the git server does not have all of it, and prints its URL. The title and description are prefilled
from the branch's commits and the charts and datasets they change, unless given. Exit 1 when it is refused: a
plain git server, nothing to propose, or a request for the branch already open (its URL is in the message).

Options:
  --branch B            The branch to propose (the dashboard's current branch when left out)
  --base B              The branch to merge into (main when left out)
  --title T             The title (the draft's when left out)
  --body TEXT           The description (the draft's when left out)
${DASHBOARD_HELP}
${SERVER_HELP}
${COMMON_HELP}`,
  options: {
    ...OPTIONS,
    branch: { type: 'string' },
    base: { type: 'string' },
    title: { type: 'string' },
    body: { type: 'string' },
  },
  async run(context) {
    const uuid = dashboardArgument(context, 'create');
    const api = serverFrom(context);
    const base = stringOption(context.values, 'base') ?? 'main';
    let branch = stringOption(context.values, 'branch');
    if (!branch) {
      const { git } = await api.GET('/api/dashboards/{uuid}/status', { params: { path: { uuid } } });
      if (!git.branch) throw new CliError('The dashboard is on no branch (a detached HEAD); give --branch.');
      branch = git.branch;
    }
    let title = stringOption(context.values, 'title');
    let body = typeof context.values.body === 'string' ? context.values.body : undefined;
    if (title === undefined || body === undefined) {
      const draft = await api.GET('/api/dashboards/{uuid}/pull-requests/draft', {
        params: { path: { uuid }, query: { branch, base } },
      });
      title ??= draft.title;
      body ??= draft.body;
    }
    const { taskId } = await api.POST('/api/dashboards/{uuid}/pull-requests', {
      params: { path: { uuid } },
      body: { branch, base, title, body },
    });
    const task = await follow(api, taskId, context.out);
    if (task.state === 'FAILED')
      throw new CliError(task.error ?? `Opening the pull request failed (task ${taskId}).`);
    const opened = task.result as { number: number; url: string };
    context.out.result(opened.url, { taskId, ...opened });
    return EXIT.ok;
  },
};

export const prList: Command = {
  name: 'pr list',
  help: `Usage: superset-git pr list UUID [server options]

Pull requests opened for the dashboard, newest first, with the state of the open ones read again from the
provider (open, merged or closed). When the provider cannot be reached, the states are the last read and a
warning says why.

Options:
${DASHBOARD_HELP}
${SERVER_HELP}
${COMMON_HELP}`,
  options: OPTIONS,
  async run(context) {
    const uuid = dashboardArgument(context, 'list');
    const list = await serverFrom(context).GET('/api/dashboards/{uuid}/pull-requests', {
      params: { path: { uuid } },
    });
    if (list.refreshProblem) context.out.warn(list.refreshProblem);
    const rows = list.items.map((pr) => [`#${pr.number}`, pr.state, `${pr.branch} → ${pr.base}`, pr.url]);
    context.out.result(
      list.items.length ? table([['number', 'state', 'branch', 'url'], ...rows]) : 'No pull requests yet.',
      list,
    );
    return EXIT.ok;
  },
};
