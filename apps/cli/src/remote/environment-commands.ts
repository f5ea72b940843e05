// `env list`, `env test` and `dash list`: what the server knows of the Superset instances and their dashboards.
import type { Schemas } from '@superset-git/api-client';
import { EXIT } from '../cli-errors.ts';
import { table } from '../cli-output.ts';
import { COMMON_HELP, requiredOption, stringOption, type Command } from '../command.ts';
import { environmentNamed } from './remote-lookup.ts';
import { SERVER_HELP, SERVER_OPTIONS, serverFrom } from './server-api.ts';

export const envList: Command = {
  name: 'env list',
  help: `Usage: superset-git env list [server options]\n\nOptions:\n${SERVER_HELP}\n${COMMON_HELP}`,
  options: SERVER_OPTIONS,
  async run(context) {
    const { items } = await serverFrom(context).GET('/api/environments');
    const rows = items.map((env) => [
      env.name,
      String(env.id),
      env.url,
      env.lastTest
        ? env.lastTest.ok
          ? `ok (Superset ${env.lastTest.supersetVersion ?? '?'})`
          : env.lastTest.message
        : 'not tested',
    ]);
    context.out.result(
      items.length ? table([['name', 'id', 'url', 'connection'], ...rows]) : 'No environments yet.',
      { items },
    );
    return EXIT.ok;
  },
};

export const envTest: Command = {
  name: 'env test',
  help: `Usage: superset-git env test NAME [server options]\n\nExits 1 when Superset cannot be reached, 4 when it refuses the credentials.\n\nOptions:\n${SERVER_HELP}\n${COMMON_HELP}`,
  options: SERVER_OPTIONS,
  async run(context) {
    const api = serverFrom(context);
    const name = context.positionals[0] ?? requiredOption(context.values, 'env', 'the environment name');
    const env = await environmentNamed(api, name);
    const result = await api.POST('/api/environments/{id}/test', {
      params: { path: { id: env.id } },
      body: null, // no unsaved changes: test the saved settings
    });
    const { colour } = context.out;
    context.out.result(
      result.ok
        ? colour.green(`${env.name}: ${result.message} (${result.durationMs} ms)`)
        : colour.red(`${env.name}: ${result.message}`),
      result,
    );
    if (result.ok) return EXIT.ok;
    return result.errorCode === 'SUPERSET_AUTH' || result.errorCode === 'SUPERSET_PERMISSION'
      ? EXIT.auth
      : EXIT.failed;
  },
};

const gitText = (git: Schemas['DashboardSummary']['git']) =>
  git ? `${git.branch} · ${git.clean ? 'clean' : 'dirty'} ↑${git.ahead} ↓${git.behind}` : 'not connected';

export const dashList: Command = {
  name: 'dash list',
  help: `Usage: superset-git dash list --env NAME [--search TEXT] [server options]\n\nOptions:\n  --env NAME            The environment\n  --search TEXT         Only dashboards whose title contains TEXT\n${SERVER_HELP}\n${COMMON_HELP}`,
  options: { ...SERVER_OPTIONS, env: { type: 'string' }, search: { type: 'string' } },
  async run(context) {
    const api = serverFrom(context);
    const env = await environmentNamed(api, requiredOption(context.values, 'env', 'the environment name'));
    const items: Schemas['DashboardSummary'][] = [];
    for (let page = 1; ; page += 1) {
      const answer = await api.GET('/api/environments/{id}/dashboards', {
        params: {
          path: { id: env.id },
          query: { search: stringOption(context.values, 'search'), page, pageSize: 500 },
        },
      });
      items.push(...answer.items);
      if (items.length >= answer.total || answer.items.length === 0) break;
    }
    const rows = items.map((item) => [item.title, item.uuid ?? '', item.slug ?? '', gitText(item.git)]);
    context.out.result(items.length ? table([['title', 'uuid', 'slug', 'git'], ...rows]) : 'No dashboards.', {
      environment: env.name,
      items,
    });
    return EXIT.ok;
  },
};
