// `npm run demo`: a real local Superset with sample dashboards, superset-git on :8080 with that Superset
// registered as environment `dev`; prints where to go and how to log in. Ctrl-C stops what it started.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGitRemote, startSuperset, stopSuperset, supersetStatus } from '@superset-git/harness';
import { configFromEnv, startServer, type GitPluginExports } from '@superset-git/server';

const SUPERSET = { name: 'dev', port: Number(process.env.DEMO_SUPERSET_PORT ?? 8088) };
const GIT_REMOTE_PORT = Number(process.env.DEMO_GIT_PORT ?? 8089);

/** The demo's git server keeps its repositories and its token between runs, outside the clone. */
function gitRemoteHome(): { root: string; token: string } {
  const home = path.join(
    process.env.SUPERSET_GIT_CACHE ?? path.join(os.homedir(), '.cache', 'superset-git'),
    'demo-git',
  );
  const root = path.join(home, 'repositories');
  fs.mkdirSync(root, { recursive: true });
  const tokenFile = path.join(home, 'token');
  if (!fs.existsSync(tokenFile))
    fs.writeFileSync(tokenFile, `demo-${crypto.randomBytes(12).toString('hex')}\n`, { mode: 0o600 });
  return { root, token: fs.readFileSync(tokenFile, 'utf8').trim() };
}
const DEMO_ADMIN_PASSWORD = 'superset-git-demo';

const say = (text: string) => process.stderr.write(`[demo] ${text}\n`);

async function main(): Promise<void> {
  const supersetWasRunning = (await supersetStatus(SUPERSET.name)).running;
  say(
    `starting Superset '${SUPERSET.name}' on port ${SUPERSET.port} (the first start installs and seeds it: minutes)`,
  );
  const superset = await startSuperset(SUPERSET);

  const gitHome = gitRemoteHome();
  const gitRemote = await startGitRemote({ port: GIT_REMOTE_PORT, root: gitHome.root, token: gitHome.token });
  say(`git server (git http-backend) on ${gitRemote.url}`);

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
  const existing = (await services.environments.list()).find((item) => item.name === 'dev');
  if (existing) await services.environments.update(existing.id, environment);
  else await services.environments.create({ name: 'dev', ...environment });

  const gitServers = services.plugins.exportsOf<GitPluginExports>('git')?.servers;
  if (!gitServers) throw new Error('the git plugin is not loaded');
  const gitServer = { provider: 'generic' as const, url: gitRemote.url, token: gitRemote.token };
  const knownServer = (await gitServers.list()).find((item) => item.name === 'Local git');
  if (knownServer) {
    await gitServers.update(knownServer.id, { ...gitServer, skipConnectionTest: false });
    // A fresh check records what the server can do now, e.g. create repositories, which older runs could not.
    await gitServers.test(knownServer.id);
  } else {
    await gitServers.create({
      name: 'Local git',
      ...gitServer,
      defaultOwner: null,
      username: null,
      verifyTls: true,
      skipConnectionTest: false,
    });
  }

  process.stdout.write(
    [
      '',
      '  superset-git demo is running',
      `  Open      ${url}`,
      `  Log in    admin / ${process.env.SUPERSET_GIT_ADMIN_PASSWORD}  (the password the data dir ${config.dataDir} was first started with)`,
      `  Superset  ${superset.url}  (${superset.username} / ${superset.password}), registered as environment "dev"`,
      `  Git       ${gitRemote.url}  (token ${gitRemote.token}), registered as git server "Local git"`,
      '  Ctrl-C stops everything the demo started.',
      '',
    ].join('\n') + '\n',
  );

  const stop = async () => {
    say('stopping');
    await app.close();
    await gitRemote.stop();
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
