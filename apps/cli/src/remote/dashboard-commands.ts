// `status`, `sync`, `commit`, `push` and `pull` of one dashboard's repository on the server.
import type { ApiClient, Schemas } from '@superset-git/api-client';
import { SyncAllResult } from '@superset-git/contracts';
import { CliError, EXIT, type ExitCode } from '../cli-errors.ts';
import { table } from '../cli-output.ts';
import { COMMON_HELP, requiredOption, stringOption, type Command, type CommandContext } from '../command.ts';
import { DASHBOARD_HELP, dashboardOf, environmentNamed } from './remote-lookup.ts';
import { follow, SERVER_HELP, SERVER_OPTIONS, serverFrom } from './server-api.ts';

const OPTIONS = { ...SERVER_OPTIONS, dashboard: { type: 'string', short: 'd' } } as const;
const OPTIONS_HELP = `${DASHBOARD_HELP}\n${SERVER_HELP}\n${COMMON_HELP}`;

function statusText(status: Schemas['DashboardRepoStatus']): string {
  const { git, repo, changes } = status;
  const lines = [
    `${repo.title ?? repo.dashboardUuid} on ${git.branch ?? `detached at ${git.head?.slice(0, 7)}`}` +
      (git.upstream ? ` (↑${git.ahead} ↓${git.behind} against ${git.upstream})` : ' (no upstream)'),
  ];
  if (git.merging) lines.push('A merge is in progress: resolve the conflicts, then continue or abort it.');
  if (changes.length === 0) lines.push('Nothing changed since the last commit.');
  else
    lines.push(
      table([
        ['  change', 'object', 'name', 'file'],
        ...changes.map((change) => [
          `  ${change.changeType}`,
          change.objectType,
          change.objectName ?? '',
          change.path,
        ]),
      ]),
    );
  return lines.join('\n');
}

async function status(api: ApiClient, uuid: string) {
  return api.GET('/api/dashboards/{uuid}/status', { params: { path: { uuid } } });
}

/** Starts a task, follows its log, and fails (exit 1) with its reason when it fails. */
async function runTask(
  context: CommandContext,
  api: ApiClient,
  uuid: string,
  verb: 'sync' | 'push' | 'pull',
) {
  const { taskId } = await api.POST(`/api/dashboards/{uuid}/${verb}`, { params: { path: { uuid } } });
  const task = await follow(api, taskId, context.out);
  if (task.state === 'FAILED') throw new CliError(task.error ?? `The ${verb} failed (task ${taskId}).`);
  return task;
}

export const statusCommand: Command = {
  name: 'status',
  help: `Usage: superset-git status -d UUID [server options]\n\nShows what the repository holds; run 'sync' first to see edits made in Superset since.\n\nOptions:\n${OPTIONS_HELP}`,
  options: OPTIONS,
  async run(context) {
    const result = await status(serverFrom(context), dashboardOf(context));
    context.out.result(statusText(result), result);
    return EXIT.ok;
  },
};

export const syncCommand: Command = {
  name: 'sync',
  help: `Usage: superset-git sync -d UUID [server options]
       superset-git sync --all --env NAME [-m MESSAGE] [server options]

With --all, every dashboard of the environment: each not yet in git gets a local repository, each is synced,
and with -m what changed is committed. Exit 1 when any dashboard failed (the others are synced).

Options:
  --all                 Every dashboard of --env
  --env NAME            The environment (with --all)
  -m, --message TEXT    Commit what each sync changed (with --all)
${OPTIONS_HELP}`,
  options: {
    ...OPTIONS,
    all: { type: 'boolean' },
    env: { type: 'string' },
    message: { type: 'string', short: 'm' },
  },
  async run(context) {
    const api = serverFrom(context);
    if (context.values.all) return syncAll(context, api);
    const uuid = dashboardOf(context);
    await runTask(context, api, uuid, 'sync');
    const result = await status(api, uuid);
    context.out.result(statusText(result), result);
    return EXIT.ok;
  },
};

async function syncAll(context: CommandContext, api: ApiClient): Promise<ExitCode> {
  const env = await environmentNamed(api, requiredOption(context.values, 'env', 'the environment to sync'));
  const message = stringOption(context.values, 'message');
  const { taskId } = await api.POST('/api/environments/{id}/sync-all', {
    params: { path: { id: env.id } },
    body: message ? { commitMessage: message } : {},
  });
  const task = await follow(api, taskId, context.out, 500);
  if (task.state === 'FAILED')
    throw new CliError(task.error ?? `The sync of ${env.name} failed (task ${taskId}).`);
  const result = SyncAllResult.parse(task.result);
  context.out.result(
    `Synced ${result.synced} of ${result.dashboards} dashboard(s) of ${env.name}: ${result.connected} newly connected, ${result.committed} committed, ${result.skipped} left alone (connected through another environment)${result.resumed > 0 ? `, ${result.resumed} already synced by the interrupted run` : ''}.`,
    result,
  );
  return EXIT.ok;
}

export const commitCommand: Command = {
  name: 'commit',
  help: `Usage: superset-git commit -d UUID -m MESSAGE [--path FILE]… [server options]\n\nOptions:\n  -m, --message TEXT    The commit message\n  --path FILE           Commit only this file (repeatable)\n${OPTIONS_HELP}`,
  options: { ...OPTIONS, message: { type: 'string', short: 'm' }, path: { type: 'string', multiple: true } },
  async run(context) {
    const api = serverFrom(context);
    const uuid = dashboardOf(context);
    const message = requiredOption(context.values, 'message', 'the commit message');
    const paths = context.values.path as string[] | undefined;
    const { oid } = await api.POST('/api/dashboards/{uuid}/commit', {
      params: { path: { uuid } },
      body: { message, ...(paths ? { paths } : {}) },
    });
    context.out.result(`Committed ${oid.slice(0, 7)}: ${message.split('\n')[0]}`, { oid });
    return EXIT.ok;
  },
};

export const pushCommand: Command = {
  name: 'push',
  help: `Usage: superset-git push -d UUID [server options]\n\nOptions:\n${OPTIONS_HELP}`,
  options: OPTIONS,
  async run(context) {
    const api = serverFrom(context);
    const uuid = dashboardOf(context);
    const task = await runTask(context, api, uuid, 'push');
    context.out.result(`Pushed. (task ${task.id})`, { taskId: task.id, state: task.state });
    return EXIT.ok;
  },
};

export const pullCommand: Command = {
  name: 'pull',
  help: `Usage: superset-git pull -d UUID [server options]\n\nEnds with exit 1 and the conflicted files when the pull conflicts; resolve them in the web UI.\n\nOptions:\n${OPTIONS_HELP}`,
  options: OPTIONS,
  async run(context) {
    const api = serverFrom(context);
    const uuid = dashboardOf(context);
    const task = await runTask(context, api, uuid, 'pull');
    if (task.state === 'AWAITING_INPUT') {
      const { conflicts } = await api.GET('/api/dashboards/{uuid}/conflicts', { params: { path: { uuid } } });
      throw new CliError(
        `The pull conflicts in ${conflicts.length} file(s); nothing was imported into Superset. Resolve them on the dashboard's page in the web UI, or abort the merge there:\n${conflicts.map((file) => `  ${file.path} (${file.kind})`).join('\n')}`,
      );
    }
    context.out.result(`Pulled. (task ${task.id})`, { taskId: task.id, state: task.state });
    return EXIT.ok;
  },
};
