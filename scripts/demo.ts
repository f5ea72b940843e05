// `npm run demo`: a real local Superset with sample dashboards, superset-git on :8080 with that Superset
// registered as environment `dev`; prints where to go and how to log in. Ctrl-C stops what it started.
import { startSuperset, stopSuperset, supersetStatus } from '@superset-git/harness';
import { configFromEnv, startServer } from '@superset-git/server';

const SUPERSET = { name: 'dev', port: Number(process.env.DEMO_SUPERSET_PORT ?? 8088) };
const DEMO_ADMIN_PASSWORD = 'superset-git-demo';

const say = (text: string) => process.stderr.write(`[demo] ${text}\n`);

async function main(): Promise<void> {
  const supersetWasRunning = (await supersetStatus(SUPERSET.name)).running;
  say(
    `starting Superset '${SUPERSET.name}' on port ${SUPERSET.port} (the first start installs and seeds it: minutes)`,
  );
  const superset = await startSuperset(SUPERSET);

  process.env.SUPERSET_GIT_ADMIN_PASSWORD ??= DEMO_ADMIN_PASSWORD;
  const config = configFromEnv();
  const { app, services, url } = await startServer(config);

  const environment = {
    url: superset.url,
    username: superset.username,
    password: superset.password,
    provider: 'db' as const,
    verifyTls: true,
    skipConnectionTest: false,
  };
  const existing = services.environments.list().find((item) => item.name === 'dev');
  if (existing) await services.environments.update(existing.id, environment);
  else await services.environments.create({ name: 'dev', ...environment });

  process.stdout.write(
    [
      '',
      '  superset-git demo is running',
      `  Open      ${url}`,
      `  Log in    admin / ${process.env.SUPERSET_GIT_ADMIN_PASSWORD}  (the password the data dir ${config.dataDir} was first started with)`,
      `  Superset  ${superset.url}  (${superset.username} / ${superset.password}), registered as environment "dev"`,
      '  Ctrl-C stops everything the demo started.',
      '',
    ].join('\n') + '\n',
  );

  const stop = async () => {
    say('stopping');
    await app.close();
    if (!supersetWasRunning) await stopSuperset(SUPERSET.name);
    process.exit(0);
  };
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`[demo] failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
