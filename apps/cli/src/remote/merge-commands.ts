// `merge` and `compare`: another branch into a dashboard's current branch (Superset follows), and what two
// branches hold differently, by object name, before merging.
import type { Schemas } from '@superset-git/api-client';
import { SupersetUuid } from '@superset-git/contracts';
import { CliError, EXIT, UsageError } from '../cli-errors.ts';
import { table } from '../cli-output.ts';
import { COMMON_HELP, type Command, type CommandContext } from '../command.ts';
import { follow, SERVER_HELP, SERVER_OPTIONS, serverFrom } from './server-api.ts';

const OPTIONS_HELP = `${SERVER_HELP}\n${COMMON_HELP}`;

/** The positionals a command takes, the first being the dashboard's uuid. */
function argumentsOf(context: CommandContext, usage: string, count: number): [string, ...string[]] {
  const given = context.positionals;
  if (given.length !== count) throw new UsageError(`Usage: ${usage}`);
  const [uuid, ...rest] = given as [string, ...string[]];
  if (!SupersetUuid().safeParse(uuid).success)
    throw new UsageError(
      `DASHBOARD is the dashboard's uuid ('superset-git dash list --env NAME' shows them), not '${uuid}'.`,
    );
  return [uuid.toLowerCase(), ...rest];
}

export function comparisonText(comparison: Schemas['BranchComparison']): string {
  const { base, head, ahead, behind, objects } = comparison;
  const lines = [
    `${head} has ${ahead} commit(s) that ${base} has not; ${base} has ${behind} that ${head} has not.`,
  ];
  if (objects.length === 0) lines.push('Their dashboards are the same.');
  else
    lines.push(
      table([
        ['  change', 'object', 'name'],
        ...objects.map((object) => [`  ${object.change}`, object.type, object.name]),
      ]),
    );
  return lines.join('\n');
}

export const compareCommand: Command = {
  name: 'compare',
  help: `Usage: superset-git compare DASHBOARD BASE HEAD [server options]

What merging HEAD into BASE would bring: the commits HEAD has that BASE has not (and the reverse count), and
every chart, dataset, database and the dashboard that differ between them, by name. DASHBOARD is its uuid;
BASE and HEAD are branches, tags or commits.

Options:
${OPTIONS_HELP}`,
  options: SERVER_OPTIONS,
  async run(context) {
    const [uuid, base, head] = argumentsOf(context, 'superset-git compare DASHBOARD BASE HEAD', 3);
    const comparison = await serverFrom(context).GET('/api/dashboards/{uuid}/compare', {
      params: { path: { uuid }, query: { base: base!, head: head! } },
    });
    context.out.result(comparisonText(comparison), comparison);
    return EXIT.ok;
  },
};

export const mergeCommand: Command = {
  name: 'merge',
  help: `Usage: superset-git merge DASHBOARD BRANCH [server options]

Merges BRANCH into the dashboard's current branch and imports what changed into Superset. Edits made in
Superset must be committed first. "Already up to date" is a success. Ends with exit 1 and the conflicting
objects when the merge conflicts; resolve them on the dashboard's page in the web UI, or abort the merge there.

Options:
${OPTIONS_HELP}`,
  options: SERVER_OPTIONS,
  async run(context) {
    const [uuid, branch] = argumentsOf(context, 'superset-git merge DASHBOARD BRANCH', 2);
    const api = serverFrom(context);
    const { taskId } = await api.POST('/api/dashboards/{uuid}/merge', {
      params: { path: { uuid } },
      body: { branch: branch! },
    });
    const task = await follow(api, taskId, context.out);
    if (task.state === 'FAILED') throw new CliError(task.error ?? `The merge failed (task ${taskId}).`);
    const result = task.result as Schemas['BranchMergeResult'];
    if (task.state === 'AWAITING_INPUT') {
      const named = task.log.find((line) => line.message.includes('conflict:'))?.message;
      throw new CliError(
        `The merge of ${branch} conflicts; nothing was imported into Superset. ${named ?? ''}\nResolve them on the dashboard's page in the web UI, or abort the merge there.`,
      );
    }
    const text =
      result.outcome === 'up-to-date'
        ? `Already up to date: ${result.into} has every commit of ${branch}.`
        : `Merged ${branch} into ${result.into} (${result.outcome}); ${result.importedObjects} object(s) imported into Superset. (task ${taskId})`;
    context.out.result(text, { taskId, ...result });
    return EXIT.ok;
  },
};
