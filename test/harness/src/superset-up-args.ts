// The options of `npm run superset:up`, read from a command line (the README's examples are checked against it).
import { parseArgs } from 'node:util';
import { supersetVersionOf, type TemplateKind } from './harness-paths.ts';
import type { StartOptions } from './superset-instance.ts';

const TEMPLATES: TemplateKind[] = ['seeded', 'empty', 'examples'];

export function parseUpArgs(args: string[]): StartOptions {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string', default: 'dev' },
      port: { type: 'string', default: '8088' },
      'superset-version': { type: 'string', default: '6.1.0' },
      template: { type: 'string', default: 'seeded' },
      'extra-dashboards': { type: 'string', default: '0' },
    },
  });
  const template = TEMPLATES.find((kind) => kind === values.template);
  if (!template) throw new Error(`--template takes ${TEMPLATES.join(', ')}, not '${values.template}'`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`--port takes a port, not '${values.port}'`);
  return {
    name: values.name,
    port,
    version: supersetVersionOf(values['superset-version']),
    template,
    extraDashboards: Number(values['extra-dashboards']),
  };
}
