// Makes the Python venv of one Superset version once; later calls return at once.
import fs from 'node:fs';
import { cacheDir, supersetBin, venvDir, type SupersetVersion } from './harness-paths.ts';
import { runCommand } from './run-command.ts';
import { withLock } from './dir-lock.ts';

const log = (text: string) => process.stderr.write(`[harness] ${text}\n`);

/**
 * What each version needs beside itself to install and start offline (measured with pip on Python 3.11):
 * 4.1.4's config imports `pkg_resources` (gone from setuptools 81); 5.0.0 breaks with marshmallow 4 and
 * marshmallow-sqlalchemy 1.6; 6.0.0 imports `rich` without declaring it; 6.1.0 imports `rich` and `cachetools`
 * without declaring them and breaks with flask-caching 2.5 (its range allows it).
 */
const PINS: Record<SupersetVersion, string[]> = {
  '4.1.4': ['setuptools==80.9.0'],
  '5.0.0': ['marshmallow==3.26.2', 'marshmallow-sqlalchemy==1.5.0'],
  '6.0.0': ['rich==15.0.0'],
  '6.1.0': ['rich==15.0.0', 'cachetools==8.0.2', 'flask-caching==2.3.0'],
};

const marker = (version: SupersetVersion) => `${venvDir(version)}/.superset-git-ready`;

/** Several releases can install at once (each into its own venv); one release installs once. */
export async function ensureSupersetVenv(version: SupersetVersion): Promise<void> {
  if (fs.existsSync(marker(version))) return;
  fs.mkdirSync(cacheDir(), { recursive: true });
  await withLock(venvDir(version), () => install(version));
}

async function install(version: SupersetVersion): Promise<void> {
  if (fs.existsSync(marker(version))) return;
  const dir = venvDir(version);
  log(`creating ${dir} and installing apache-superset==${version} (a minute or two, once)`);
  fs.rmSync(dir, { recursive: true, force: true });
  const what = `installing apache-superset==${version}`;
  await runCommand('python3', ['-m', 'venv', dir], what);
  await runCommand(
    `${dir}/bin/pip`,
    ['install', '--quiet', `apache-superset==${version}`, ...PINS[version]],
    what,
  );
  if (!fs.existsSync(supersetBin(version)))
    throw new Error(`pip finished but ${supersetBin(version)} is missing`);
  fs.writeFileSync(marker(version), `${version}\n`);
}
