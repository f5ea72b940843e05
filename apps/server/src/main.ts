// `npm start`: runs the server until SIGINT/SIGTERM.
import { configFromEnv } from './config.ts';
import { startServer } from './start-server.ts';

try {
  await startServer(configFromEnv());
} catch (error) {
  console.error(`superset-git could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
