// `remote set|remove`: attach, change or detach the git remote of a dashboard's repository on the server, e.g. for
// a repository that `sync-all` connected locally.
import type { ApiClient, Schemas } from '@superset-git/api-client';
import { CliError, EXIT, UsageError } from '../cli-errors.ts';
import { COMMON_HELP, requiredOption, type Command, type CommandContext } from '../command.ts';
import { DASHBOARD_HELP, dashboardOf } from './remote-lookup.ts';
import { SERVER_HELP, SERVER_OPTIONS, serverFrom } from './server-api.ts';

const OPTIONS = { ...SERVER_OPTIONS, dashboard: { type: 'string', short: 'd' } } as const;

/** The dashboard as the first word (`remote set UUID …`), or -d / SUPERSET_GIT_DASHBOARD. */
function dashboardArg(context: CommandContext, verb: string): string {
  if (context.positionals.length > 1)
    throw new UsageError(`One dashboard at a time: '${context.positionals.slice(1).join(' ')}' is extra.`);
  const given = context.positionals[0];
  if (!given && !context.values.dashboard && !process.env.SUPERSET_GIT_DASHBOARD)
    throw new UsageError(`Give the dashboard's uuid: superset-git remote ${verb} UUID …`);
  return dashboardOf(given ? { ...context, values: { ...context.values, dashboard: given } } : context);
}

async function gitServerNamed(api: ApiClient, nameOrId: string): Promise<Schemas['GitServer']> {
  const { items } = await api.GET('/api/git/servers');
  const found = items.find((item) => item.name === nameOrId || String(item.id) === nameOrId);
  if (!found)
    throw new CliError(
      `There is no git server '${nameOrId}'; there are: ${items.map((item) => item.name).join(', ') || 'none'}.`,
    );
  return found;
}

export const remoteSet: Command = {
  name: 'remote set',
  help: `Usage: superset-git remote set UUID --git-server NAME|ID --repository PATH [--create] [server options]

Attaches the dashboard's repository to a repository on a saved git server, or moves it to another one. The
server checks the token can reach it, fetches, and refuses a repository whose history is unrelated to the
dashboard's (nothing changes then). Exit 1 with the reason when it is refused.

Options:
  --git-server NAME|ID  The saved git server that holds the token (see the Git servers page)
  --repository PATH     owner/name on GitHub, GitLab or Gitea, a name on a plain git server, or a full URL
  --create              Create the repository on the git server first
${DASHBOARD_HELP}
${SERVER_HELP}
${COMMON_HELP}`,
  options: {
    ...OPTIONS,
    'git-server': { type: 'string' },
    repository: { type: 'string' },
    create: { type: 'boolean' },
  },
  async run(context) {
    const uuid = dashboardArg(context, 'set');
    const serverName = requiredOption(context.values, 'git-server', 'a saved git server, by name or id');
    const repository = requiredOption(context.values, 'repository', 'e.g. team/sales-dashboard');
    const create = context.values.create === true;
    const api = serverFrom(context);
    const gitServer = await gitServerNamed(api, serverName);
    const result = await api.PUT('/api/dashboards/{uuid}/remote', {
      params: { path: { uuid } },
      body: { gitServerId: gitServer.id, repository, create },
    });
    const state = result.upstream ? `tracking ${result.upstream}` : 'not published yet; push to publish';
    context.out.result(
      `${create ? 'Created and attached' : 'Attached'} ${result.repo.remoteUrl} (${gitServer.name}); ${state}.`,
      result,
    );
    return EXIT.ok;
  },
};

export const remoteRemove: Command = {
  name: 'remote remove',
  help: `Usage: superset-git remote remove UUID [server options]

Detaches the dashboard's repository from its remote. The local repository and its history stay; nothing on the
git server is deleted.

Options:
${DASHBOARD_HELP}
${SERVER_HELP}
${COMMON_HELP}`,
  options: OPTIONS,
  async run(context) {
    const uuid = dashboardArg(context, 'remove');
    const repo = await serverFrom(context).DELETE('/api/dashboards/{uuid}/remote', {
      params: { path: { uuid } },
    });
    context.out.result(
      `Detached the remote of ${repo.title ? `'${repo.title}'` : uuid}; local history kept.`,
      repo,
    );
    return EXIT.ok;
  },
};
