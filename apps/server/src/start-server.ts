// Starts a configured server, prints where it is (and a generated admin password once), stops on signals.
import { buildServer, type BuiltServer } from './app.ts';
import type { Config } from './config.ts';
import { redactedDatabaseUrl } from './db/database-url.ts';

export async function startServer(config: Config): Promise<BuiltServer & { url: string }> {
  const built = await buildServer(config);
  const { app, services } = built;
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const store = config.databaseUrl
    ? `database ${redactedDatabaseUrl(config.databaseUrl)}, repositories in ${config.dataDir}`
    : `data in ${config.dataDir}`;
  process.stdout.write(`superset-git is listening on ${url} (${store})\n`);
  if (services.generatedAdminPassword) {
    process.stdout.write(
      `First start: created user "admin" with password ${services.generatedAdminPassword}\n` +
        'It is shown only this once; set SUPERSET_GIT_ADMIN_PASSWORD before the first start to choose it.\n',
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return { ...built, url };
}
