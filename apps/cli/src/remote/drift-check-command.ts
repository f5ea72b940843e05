// `drift check --environment NAME|ID`: the environment's whole drift check now, followed with its progress; exit 1
// when a dashboard drifted or could not be compared, for a pipeline that must stop on drift.
import { DriftCheckRun } from '@superset-git/contracts';
import { CliError, EXIT, UsageError } from '../cli-errors.ts';
import { COMMON_HELP, stringOption, type Command } from '../command.ts';
import { environmentNamed } from './remote-lookup.ts';
import { follow, SERVER_HELP, SERVER_OPTIONS, serverFrom } from './server-api.ts';

export const driftCheck: Command = {
  name: 'drift check',
  help: `Usage: superset-git drift check --environment NAME|ID [server options]

Compares every dashboard live on the environment with its live deployment now, as the scheduled check does, and
keeps each result for the hub. Exit 0: nothing drifted; exit 1: something drifted or could not be compared.

Options:
  --environment NAME|ID  The environment to check (also --env)
${SERVER_HELP}
${COMMON_HELP}`,
  options: { ...SERVER_OPTIONS, environment: { type: 'string' }, env: { type: 'string' } },
  async run(context) {
    const { values, out } = context;
    const api = serverFrom(context);
    const wanted = stringOption(values, 'environment') ?? stringOption(values, 'env');
    if (!wanted) throw new UsageError('Give the environment: superset-git drift check --environment NAME.');
    const env = await environmentNamed(api, wanted);
    const { taskId } = await api.POST('/api/environments/{id}/drift-check', {
      params: { path: { id: env.id } },
    });
    const task = await follow(api, taskId, out, 500);
    if (task.state === 'FAILED')
      throw new CliError(task.error ?? `The drift check of ${env.name} failed (task ${taskId}).`);
    const run = DriftCheckRun.parse(task.result);
    const seconds = ((run.durationMs ?? 0) / 1000).toFixed(1);
    const text = `${env.name}: ${run.checked} dashboard(s) checked in ${seconds} s, ${run.drifted} drifted, ${run.failed} could not be compared.`;
    const clean = run.drifted === 0 && run.failed === 0;
    out.result(clean ? out.colour.green(text) : text, run);
    return clean ? EXIT.ok : EXIT.failed;
  },
};
