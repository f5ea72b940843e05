// Installs what `npm test` and `npm run demo` need and a fresh machine lacks: npm packages and system tools.
// Plain Node with no dependencies, because it runs before `npm ci`. The Superset venv is made by the harness.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (text) => process.stderr.write(`[setup] ${text}\n`);

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(command, args, options = {}) {
  say(`${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: root, ...options });
}

// System packages: chromium for browser tests, git for the engine, openssl for TLS tests, python venv for Superset,
// PostgreSQL for the tests that run on it (the harness starts a throwaway cluster; no service is enabled).
const needed = [
  ['git', 'git'],
  ['openssl', 'openssl'],
  ['python3', 'python3'],
];
if (!fs.existsSync('/usr/bin/chromium')) needed.push(['/usr/bin/chromium', 'chromium']);
const hasPostgres =
  fs.existsSync('/usr/lib/postgresql') &&
  fs.readdirSync('/usr/lib/postgresql').some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
if (!hasPostgres) needed.push(['/usr/lib/postgresql', 'postgresql']);
const missing = needed.filter(
  ([command]) => !(command.startsWith('/') ? fs.existsSync(command) : has(command)),
);
if (missing.length > 0) {
  const packages = missing.map(([, name]) => name);
  if (process.getuid?.() === 0 && has('apt-get')) {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', ...packages], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    say(
      `missing system packages: ${packages.join(', ')}; install them (e.g. sudo apt-get install -y ${packages.join(' ')}) and run again`,
    );
    process.exit(1);
  }
}

// npm packages: install when node_modules is absent or older than the lock file.
const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');
if (!fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs) {
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

// The CLI's bundle, so pipelines and the tests start it quickly (it runs from source while this is stale).
run(process.execPath, [path.join(root, 'scripts/build-cli.mjs')]);
