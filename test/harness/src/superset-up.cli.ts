// `npm run superset:up -- --name dev --port 8088 [--extra-dashboards N]`: prints one JSON line when Superset answers.
import { parseArgs } from 'node:util';
import { startSuperset } from './superset-instance.ts';

const { values } = parseArgs({
  options: {
    name: { type: 'string', default: 'dev' },
    port: { type: 'string', default: '8088' },
    'extra-dashboards': { type: 'string', default: '0' },
  },
});
try {
  const info = await startSuperset({
    name: values.name,
    port: Number(values.port),
    extraDashboards: Number(values['extra-dashboards']),
  });
  process.stdout.write(`${JSON.stringify(info)}\n`);
} catch (error) {
  process.stderr.write(`superset:up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
