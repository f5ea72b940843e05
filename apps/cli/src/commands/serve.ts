// `superset-git serve`: the server, web UI and API on one port. The server is its own program (apps/server);
// the CLI starts it as a child process rather than importing it, so the CLI stays a client of the API.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../cli-errors.ts';
import type { Command } from '../command.ts';

const SERVER_MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../server/src/main.ts');

export const serveCommand: Command = {
  name: 'serve',
  help: `Usage: superset-git serve

Settings come from the environment: SUPERSET_GIT_HOST (127.0.0.1), SUPERSET_GIT_PORT (8080),
SUPERSET_GIT_DATA_DIR (./data), SUPERSET_GIT_SECRET_KEY, SUPERSET_GIT_ADMIN_PASSWORD.`,
  options: {},
  async run() {
    // tsx as this CLI resolves it, wherever the command is run from.
    const tsx = import.meta.resolve('tsx');
    const server = spawn(process.execPath, ['--import', tsx, SERVER_MAIN], { stdio: 'inherit' });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
    return new Promise((resolve) => server.on('exit', (code) => resolve(code === 0 ? EXIT.ok : EXIT.failed)));
  },
};
