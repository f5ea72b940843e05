// `superset-git serve`: the server, web UI and API on one port.
import { configFromEnv, startServer } from '@superset-git/server';
import { EXIT } from '../cli-errors.ts';
import type { Command } from '../command.ts';

export const serveCommand: Command = {
  name: 'serve',
  help: `Usage: superset-git serve

Settings come from the environment: SUPERSET_GIT_HOST (127.0.0.1), SUPERSET_GIT_PORT (8080),
SUPERSET_GIT_DATA_DIR (./data), SUPERSET_GIT_SECRET_KEY, SUPERSET_GIT_ADMIN_PASSWORD.`,
  options: {},
  async run() {
    await startServer(configFromEnv());
    return new Promise<typeof EXIT.ok>(() => undefined);
  },
};
