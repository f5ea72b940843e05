// Makes the Python venv with Apache Superset once; later calls return at once.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { cacheDir, SUPERSET_VERSION, supersetBin, venvDir } from './harness-paths.ts';

const log = (text: string) => process.stderr.write(`[harness] ${text}\n`);

/** Superset 6.1's CLI imports `rich` and `cachetools` without declaring them, and breaks with flask-caching 2.5 (its range allows it). */
const EXTRA_PACKAGES = ['rich==15.0.0', 'cachetools==8.0.2', 'flask-caching==2.3.0'];
const MARKER = () => `${venvDir()}/.superset-git-ready`;

export function ensureSupersetVenv(): void {
  if (fs.existsSync(MARKER())) return;
  fs.mkdirSync(cacheDir(), { recursive: true });
  log(`creating ${venvDir()} and installing apache-superset==${SUPERSET_VERSION} (a few minutes, once)`);
  execFileSync('python3', ['-m', 'venv', venvDir()], { stdio: ['ignore', 'inherit', 'inherit'] });
  execFileSync(
    `${venvDir()}/bin/pip`,
    ['install', '--quiet', `apache-superset==${SUPERSET_VERSION}`, ...EXTRA_PACKAGES],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (!fs.existsSync(supersetBin())) throw new Error(`pip finished but ${supersetBin()} is missing`);
  fs.writeFileSync(MARKER(), `${SUPERSET_VERSION}\n`);
}
