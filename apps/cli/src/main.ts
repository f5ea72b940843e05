// `superset-git`: the command line. `serve` runs the server; the pipeline commands arrive with the CLI issue.
import { parseArgs } from 'node:util';
import { configFromEnv, startServer, VERSION } from '@superset-git/server';

const USAGE = `Usage: superset-git <command> [options]

Commands:
  serve     Run the superset-git server (web UI and API on one port)

Options:
  -h, --help     Show this help
  -v, --version  Show the version

Server settings come from the environment: SUPERSET_GIT_HOST (127.0.0.1), SUPERSET_GIT_PORT (8080),
SUPERSET_GIT_DATA_DIR (./data), SUPERSET_GIT_SECRET_KEY, SUPERSET_GIT_ADMIN_PASSWORD.
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
  });
  const [command] = positionals;
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  if (command === 'serve') {
    await startServer(configFromEnv());
    return -1;
  }
  process.stderr.write(`Unknown command '${command}'.\n\n${USAGE}`);
  return 2;
}

try {
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exit(code);
} catch (error) {
  process.stderr.write(`superset-git: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
