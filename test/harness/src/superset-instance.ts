// Named Superset instances: start (from a cached, migrated and seeded template), reuse, status and stop.
import fs from 'node:fs';
import path from 'node:path';
import { SupersetClient } from '@superset-git/superset';
import { ensureExamplesDb } from './examples-db.ts';
import {
  ADMIN,
  DEFAULT_SUPERSET_VERSION,
  instanceDir,
  supersetVersionOf,
  templateDir,
  type SupersetVersion,
  type TemplateKind,
} from './harness-paths.ts';
import { ensureExtraDashboards, seed } from './seed.ts';
import { stabilizeSeedUuids } from './seed-uuids.ts';
import {
  alive,
  isHealthy,
  killServer,
  portIsFree,
  readPidFile,
  spawnServer,
  supersetCommand,
  waitHealthy,
  writeConfig,
} from './superset-process.ts';
import { ensureSupersetVenv } from './superset-venv.ts';
import { withLock } from './dir-lock.ts';

export interface SupersetInfo {
  name: string;
  url: string;
  username: string;
  password: string;
  version: SupersetVersion;
}

const log = (text: string) => process.stderr.write(`[harness] ${text}\n`);
const TEMPLATE_PORT = 18199;

function info(name: string, port: number): Omit<SupersetInfo, 'version'> {
  return { name, url: `http://127.0.0.1:${port}`, username: ADMIN.username, password: ADMIN.password };
}

function client(url: string): SupersetClient {
  return new SupersetClient({ url, ...ADMIN, provider: 'db', verifyTls: true }, { timeoutMs: 60_000 });
}

/** Migrated metadata DB with the admin user (and the seed or examples), built once per version and kind. */
async function ensureTemplate(version: SupersetVersion, kind: TemplateKind): Promise<string> {
  const dir = templateDir(version, kind);
  const done = path.join(dir, 'superset.db.ready');
  if (fs.existsSync(done)) return done;
  if (kind === 'examples' && version !== '6.1.0')
    throw new Error(
      `Superset ${version} downloads its example dashboards from the internet; only 6.1.0 ships them offline`,
    );
  return withLock(dir, async () => {
    if (fs.existsSync(done)) return done;
    await ensureSupersetVenv(version);
    const examples = ensureExamplesDb();
    fs.rmSync(dir, { recursive: true, force: true });
    writeConfig(dir);
    const started = Date.now();
    const run = (args: string[]) => supersetCommand(dir, version, args);
    log(`building the Superset ${version} template '${kind}': db upgrade (a minute or two, once)`);
    await run(['db', 'upgrade']);
    await run([
      'fab',
      'create-admin',
      '--username',
      ADMIN.username,
      '--firstname',
      'Ada',
      '--lastname',
      'Admin',
      '--email',
      'admin@example.com',
      '--password',
      ADMIN.password,
    ]);
    await run(['init']);
    if (kind === 'examples') {
      log("loading Superset's own example dashboards (a few minutes, once)");
      await run(['load-examples']);
    }
    if (kind === 'seeded') {
      if (!(await portIsFree(TEMPLATE_PORT)))
        throw new Error(`port ${TEMPLATE_PORT} is taken; the harness needs it once to seed`);
      log('seeding sample dashboards');
      const pid = spawnServer(dir, TEMPLATE_PORT, version);
      const url = `http://127.0.0.1:${TEMPLATE_PORT}`;
      try {
        await waitHealthy(url, pid, dir);
        const seeder = client(url);
        await seed(seeder, examples);
        await seeder.close();
      } finally {
        await killServer(dir);
      }
      stabilizeSeedUuids(path.join(dir, 'superset.db'));
    }
    fs.copyFileSync(path.join(dir, 'superset.db'), done);
    log(`template ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return done;
  });
}

export async function supersetStatus(name: string): Promise<{ running: boolean; url: string | null }> {
  const running = readPidFile(instanceDir(name));
  if (!running || !alive(running.pid)) return { running: false, url: null };
  const url = `http://127.0.0.1:${running.port}`;
  return { running: await isHealthy(url), url };
}

export interface StartOptions {
  name: string;
  port: number;
  /** Which Superset release (default 6.1.0). */
  version?: SupersetVersion;
  /** What a new instance starts with (default `seeded`). */
  template?: TemplateKind;
  extraDashboards?: number;
}

/** The version and template an instance's data was made with; another start must ask for the same. */
function checkMade(dir: string, name: string, made: string): void {
  const file = path.join(dir, 'made-from');
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : null;
  if (before && before !== made)
    throw new Error(
      `Superset '${name}' holds data of ${before}, not ${made}: choose another name, or reset it first (npm run superset:down -- --name ${name} --reset)`,
    );
}

export async function startSuperset(options: StartOptions): Promise<SupersetInfo> {
  const { name, port } = options;
  const version = options.version ?? DEFAULT_SUPERSET_VERSION;
  const kind = options.template ?? 'seeded';
  const made = `Superset ${version} (${kind})`;
  if (!/^[A-Za-z0-9_-]+$/.test(name))
    throw new Error(`instance name '${name}' may use letters, digits, - and _ only`);
  const dir = instanceDir(name);
  // Two test runs (or the demo and a test run) starting the same instance at once start it once.
  await withLock(dir, async () => {
    checkMade(dir, name, made);
    const running = readPidFile(dir);
    const url = `http://127.0.0.1:${port}`;
    if (running && alive(running.pid) && running.port === port && (await isHealthy(url))) {
      log(`Superset '${name}' is already running on ${url}`);
    } else {
      if (running) await killServer(dir);
      if (!(await portIsFree(port)))
        throw new Error(`port ${port} is in use by something else; choose another with --port`);
      const template = await ensureTemplate(version, kind);
      if (!fs.existsSync(path.join(dir, 'superset.db'))) {
        writeConfig(dir);
        fs.copyFileSync(template, path.join(dir, 'superset.db'));
        fs.writeFileSync(path.join(dir, 'made-from'), `${made}\n`);
      }
      log(`starting ${made} as '${name}' on ${url}`);
      const pid = spawnServer(dir, port, version);
      await waitHealthy(url, pid, dir);
    }
    if (options.extraDashboards) {
      const seeder = client(url);
      await ensureExtraDashboards(seeder, options.extraDashboards);
      await seeder.close();
    }
  });
  return { ...info(name, port), version };
}

export async function stopSuperset(name: string): Promise<void> {
  await killServer(instanceDir(name));
}

/**
 * Adds an admin user with this password to an instance (its own, so tests can look for the password, or a second
 * person who edits in Superset). Adding a username that exists already changes nothing.
 */
export async function addSupersetAdmin(
  name: string,
  username: string,
  password: string,
  names: { first: string; last: string } = { first: 'Extra', last: 'Admin' },
): Promise<void> {
  const dir = instanceDir(name);
  const madeFrom = path.join(dir, 'made-from');
  const version = fs.existsSync(madeFrom)
    ? fs.readFileSync(madeFrom, 'utf8').match(/Superset (\S+)/)?.[1]
    : undefined;
  await supersetCommand(dir, supersetVersionOf(version ?? DEFAULT_SUPERSET_VERSION), [
    'fab',
    'create-admin',
    '--username',
    username,
    '--firstname',
    names.first,
    '--lastname',
    names.last,
    '--email',
    `${username}@example.com`,
    '--password',
    password,
  ]);
}

/** Removes an instance's data, so the next start is fresh from the template. */
export async function resetSuperset(name: string): Promise<void> {
  await stopSuperset(name);
  fs.rmSync(instanceDir(name), { recursive: true, force: true });
}
