// `superset-git serve`: the server, web UI and API on one port. The server is its own program (apps/server);
// the CLI starts it as a child process rather than importing it, so the CLI stays a client of the API.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../cli-errors.ts';
import type { Command } from '../command.ts';

/** The compiled server beside this CLI when it runs from the build (dist/cli → dist/server), else its sources. */
function serverArgs(): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const built = path.resolve(here, '../server/main.js');
  if (fs.existsSync(built)) return [built];
  // tsx as this CLI resolves it, wherever the command is run from.
  return ['--import', import.meta.resolve('tsx'), path.resolve(here, '../../../server/src/main.ts')];
}

export const serveCommand: Command = {
  name: 'serve',
  help: `Usage: superset-git serve

Settings come from the environment: SUPERSET_GIT_HOST (127.0.0.1), SUPERSET_GIT_PORT (8080),
SUPERSET_GIT_DATA_DIR (./data), SUPERSET_GIT_SECRET_KEY, SUPERSET_GIT_ADMIN_PASSWORD.`,
  options: {},
  async run() {
    const server = spawn(process.execPath, serverArgs(), { stdio: 'inherit' });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
    return new Promise((resolve) => server.on('exit', (code) => resolve(code === 0 ? EXIT.ok : EXIT.failed)));
  },
};
