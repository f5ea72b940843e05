// `recover list|apply|delete|restore`: safety branches and deleted branches of a dashboard's repository, brought
// back or cleaned up through the server, as the web UI's Recover tab does.
import type { Schemas } from '@superset-git/api-client';
import { CliError, EXIT, UsageError } from '../cli-errors.ts';
import { table } from '../cli-output.ts';
import { COMMON_HELP, type Command, type CommandContext } from '../command.ts';
import { DASHBOARD_HELP, dashboardOf } from './remote-lookup.ts';
import { follow, SERVER_HELP, SERVER_OPTIONS, serverFrom } from './server-api.ts';

const OPTIONS = { ...SERVER_OPTIONS, dashboard: { type: 'string', short: 'd' } } as const;
const OPTIONS_HELP = `${DASHBOARD_HELP}\n${SERVER_HELP}\n${COMMON_HELP}`;

type HeldObject = Schemas['HeldObject'];

function branchName(context: CommandContext, verb: string): string {
  const name = context.positionals[0];
  if (!name) throw new UsageError(`Give the branch's name: superset-git recover ${verb} NAME -d UUID.`);
  if (context.positionals.length > 1)
    throw new UsageError(`One branch at a time: '${context.positionals.slice(1).join(' ')}' is extra.`);
  return name;
}

const held = (objects: HeldObject[]) =>
  objects
    .map((object) => (object.objectName ? `${object.objectType} '${object.objectName}'` : object.path))
    .join(', ') || '(nothing differs)';

export const recoverList: Command = {
  name: 'recover list',
  help: `Usage: superset-git recover list -d UUID [server options]\n\nSafety branches (edits a switch set aside) and deleted branches that can be restored, newest first, with the objects each holds.\n\nOptions:\n${OPTIONS_HELP}`,
  options: OPTIONS,
  async run(context) {
    const uuid = dashboardOf(context);
    const list = await serverFrom(context).GET('/api/dashboards/{uuid}/recovery', {
      params: { path: { uuid } },
    });
    const rows = [
      ...list.safetyBranches.map((branch) => [
        'safety',
        branch.name,
        `${branch.takenAt} by ${branch.takenBy.name}${branch.takenFrom ? ` on ${branch.takenFrom}` : ''}`,
        held(branch.objects),
      ]),
      ...list.deletedBranches.map((branch) => [
        'deleted',
        branch.name,
        `${branch.lastCommit.oid.slice(0, 7)} ${branch.lastCommit.subject}`,
        held(branch.objects),
      ]),
    ];
    context.out.result(
      rows.length
        ? table([['kind', 'branch', 'taken / last commit', 'holds'], ...rows])
        : 'Nothing to recover.',
      list,
    );
    return EXIT.ok;
  },
};

export const recoverApply: Command = {
  name: 'recover apply',
  help: `Usage: superset-git recover apply SAFETY_BRANCH -d UUID [server options]

Brings the safety branch's edits onto the current branch, uncommitted, and into Superset. Edits you have now
are kept on a new safety branch first. Exit 1 when the current branch changed the same objects since (they
are named; nothing changes).

Options:
${OPTIONS_HELP}`,
  options: OPTIONS,
  async run(context) {
    const uuid = dashboardOf(context);
    const name = branchName(context, 'apply');
    const api = serverFrom(context);
    const { taskId } = await api.POST('/api/dashboards/{uuid}/recovery/apply', {
      params: { path: { uuid } },
      body: { name },
    });
    const task = await follow(api, taskId, context.out);
    if (task.state === 'FAILED')
      throw new CliError(task.error ?? `Applying ${name} failed (task ${taskId}).`);
    context.out.result(`Applied ${name}; review and commit the changes. (task ${taskId})`, {
      taskId,
      state: task.state,
      name,
    });
    return EXIT.ok;
  },
};

export const recoverDelete: Command = {
  name: 'recover delete',
  help: `Usage: superset-git recover delete SAFETY_BRANCH -d UUID [server options]\n\nDeletes a safety branch; it is then listed among the deleted branches, from where it can be restored.\n\nOptions:\n${OPTIONS_HELP}`,
  options: OPTIONS,
  async run(context) {
    const uuid = dashboardOf(context);
    const name = branchName(context, 'delete');
    const deleted = await serverFrom(context).DELETE('/api/dashboards/{uuid}/recovery/safety-branches', {
      params: { path: { uuid }, query: { name } },
    });
    context.out.result(`Deleted ${name}; ${deleted.backupRef} keeps it.`, deleted);
    return EXIT.ok;
  },
};

export const recoverRestore: Command = {
  name: 'recover restore',
  help: `Usage: superset-git recover restore BRANCH -d UUID [server options]\n\nBrings a deleted branch back under its name with its commits. Exit 1 while a branch of that name exists.\n\nOptions:\n${OPTIONS_HELP}`,
  options: OPTIONS,
  async run(context) {
    const uuid = dashboardOf(context);
    const name = branchName(context, 'restore');
    const restored = await serverFrom(context).POST('/api/dashboards/{uuid}/recovery/restore', {
      params: { path: { uuid } },
      body: { name },
    });
    context.out.result(`Restored branch ${restored.name} at ${restored.oid.slice(0, 7)}.`, restored);
    return EXIT.ok;
  },
};
