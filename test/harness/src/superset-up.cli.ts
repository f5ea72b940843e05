// `npm run superset:up -- --name dev --port 8088 [--superset-version 4.1.4|5.0.0|6.0.0|6.1.0]
// [--template seeded|empty|examples] [--extra-dashboards N]`: prints one JSON line when Superset answers.
import { SUPERSET_VERSIONS } from './harness-paths.ts';
import { parseUpArgs } from './superset-up-args.ts';
import { startSuperset } from './superset-instance.ts';

try {
  const info = await startSuperset(parseUpArgs(process.argv.slice(2)));
  process.stdout.write(`${JSON.stringify(info)}\n`);
} catch (error) {
  process.stderr.write(`superset:up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.stderr.write(`(versions: ${SUPERSET_VERSIONS.join(', ')})\n`);
  process.exit(1);
}
