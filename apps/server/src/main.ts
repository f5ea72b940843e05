// `npm start`: runs the server until SIGINT/SIGTERM. No top-level await: the build compiles this to a CommonJS
// bundle, whose compiled code V8 can keep between starts (scripts/server-main.mjs).
import { configFromEnv } from './config.ts';
import { startServer } from './start-server.ts';

async function main(): Promise<void> {
  try {
    await startServer(configFromEnv());
  } catch (error) {
    console.error(`superset-git could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

void main();
