// `npm run superset:up -- --name dev --port 8088 [--superset-version 4.1.4|5.0.0|6.0.0|6.1.0]
// [--template seeded|empty|examples] [--extra-dashboards N]`: prints one JSON line when Superset answers.
import { parseArgs } from 'node:util';
import { SUPERSET_VERSIONS, supersetVersionOf, type TemplateKind } from './harness-paths.ts';
import { startSuperset } from './superset-instance.ts';

const TEMPLATES: TemplateKind[] = ['seeded', 'empty', 'examples'];

try {
  const { values } = parseArgs({
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
  const info = await startSuperset({
    name: values.name,
    port: Number(values.port),
    version: supersetVersionOf(values['superset-version']),
    template,
    extraDashboards: Number(values['extra-dashboards']),
  });
  process.stdout.write(`${JSON.stringify(info)}\n`);
} catch (error) {
  process.stderr.write(`superset:up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.stderr.write(`(versions: ${SUPERSET_VERSIONS.join(', ')})\n`);
  process.exit(1);
}
