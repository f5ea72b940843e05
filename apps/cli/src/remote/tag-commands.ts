// `tag list|create|push|delete`: a dashboard repository's tags (releases) on the server, for a pipeline that
// releases to a protected environment, which deploys only tags.
import { CliError, EXIT, UsageError } from '../cli-errors.ts';
import { table } from '../cli-output.ts';
import { COMMON_HELP, stringOption, type Command, type CommandContext } from '../command.ts';
import { DASHBOARD_HELP, dashboardOf } from './remote-lookup.ts';
import { follow, SERVER_HELP, SERVER_OPTIONS, serverFrom } from './server-api.ts';

const OPTIONS = { ...SERVER_OPTIONS, dashboard: { type: 'string', short: 'd' } } as const;
const OPTIONS_HELP = `${DASHBOARD_HELP}\n${SERVER_HELP}\n${COMMON_HELP}`;

function tagName(context: CommandContext, verb: string): string {
  const name = context.positionals[0];
  if (!name) throw new UsageError(`Give the tag's name: superset-git tag ${verb} NAME -d UUID.`);
  if (context.positionals.length > 1)
    throw new UsageError(`One tag at a time: '${context.positionals.slice(1).join(' ')}' is extra.`);
  return name;
}

export const tagList: Command = {
  name: 'tag list',
  help: `Usage: superset-git tag list -d UUID [server options]\n\nTags of the dashboard's repository, newest first.\n\nOptions:\n${OPTIONS_HELP}`,
  options: OPTIONS,
  async run(context) {
    const uuid = dashboardOf(context);
    const { items } = await serverFrom(context).GET('/api/dashboards/{uuid}/tags', {
      params: { path: { uuid } },
    });
    const rows = items.map((tag) => [tag.name, tag.oid.slice(0, 7), tag.taggedAt, tag.message ?? '']);
    context.out.result(
      items.length ? table([['tag', 'commit', 'date', 'message'], ...rows]) : 'No tags yet.',
      { items },
    );
    return EXIT.ok;
  },
};

export const tagCreate: Command = {
  name: 'tag create',
  help: `Usage: superset-git tag create NAME -d UUID [--ref REF] [-m MESSAGE] [server options]

Tags the current commit (or --ref); with -m the tag is annotated. Exit 1 when the name is taken or not allowed.

Options:
  --ref REF             A branch, tag or commit to tag instead of the current commit
  -m, --message TEXT    Make an annotated tag with this message
${OPTIONS_HELP}`,
  options: { ...OPTIONS, ref: { type: 'string' }, message: { type: 'string', short: 'm' } },
  async run(context) {
    const uuid = dashboardOf(context);
    const name = tagName(context, 'create');
    const ref = stringOption(context.values, 'ref');
    const message = stringOption(context.values, 'message');
    const tag = await serverFrom(context).POST('/api/dashboards/{uuid}/tags', {
      params: { path: { uuid } },
      body: { name, ...(ref ? { ref } : {}), ...(message ? { message } : {}) },
    });
    context.out.result(`Tagged ${tag.oid.slice(0, 7)} as ${tag.name}.`, tag);
    return EXIT.ok;
  },
};

export const tagPush: Command = {
  name: 'tag push',
  help: `Usage: superset-git tag push NAME -d UUID [server options]\n\nPushes the tag to the dashboard's git server with the server's token. Exit 1 when it fails, e.g. when the git server has a tag of that name on another commit (it is not moved).\n\nOptions:\n${OPTIONS_HELP}`,
  options: OPTIONS,
  async run(context) {
    const uuid = dashboardOf(context);
    const name = tagName(context, 'push');
    const api = serverFrom(context);
    const { taskId } = await api.POST('/api/dashboards/{uuid}/tags/push', {
      params: { path: { uuid } },
      body: { name },
    });
    const task = await follow(api, taskId, context.out);
    if (task.state === 'FAILED')
      throw new CliError(task.error ?? `The push of ${name} failed (task ${taskId}).`);
    context.out.result(`Pushed tag ${name}. (task ${taskId})`, { taskId, state: task.state, name });
    return EXIT.ok;
  },
};

export const tagDelete: Command = {
  name: 'tag delete',
  help: `Usage: superset-git tag delete NAME -d UUID [--remote] [server options]

Deletes the tag on the server (a backup ref keeps it there). Without --remote a pushed tag stays on the git
server, and the next pull brings it back.

Options:
  --remote              Delete it on the git server too (first; a refusal there leaves the tag as it was)
${OPTIONS_HELP}`,
  options: { ...OPTIONS, remote: { type: 'boolean' } },
  async run(context) {
    const uuid = dashboardOf(context);
    const name = tagName(context, 'delete');
    const remote = context.values.remote === true;
    const deleted = await serverFrom(context).DELETE('/api/dashboards/{uuid}/tags', {
      params: { path: { uuid }, query: { name, remote: String(remote) } },
    });
    context.out.result(
      `Deleted tag ${name}${remote ? ' here and on the git server' : ''}; ${deleted.backupRef} keeps it.`,
      deleted,
    );
    return EXIT.ok;
  },
};
