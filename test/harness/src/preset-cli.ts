// preset-cli, the command line Superset users pick today, in its own venv beside Superset's (its pins differ):
// the peer the benchmarks compare our export and deploy with.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir } from './harness-paths.ts';

export const PRESET_CLI_VERSION = '0.3.13';

/** The `superset-cli` executable, installed on first use (needs PyPI once). */
export function ensurePresetCli(): string {
  const venv = path.join(cacheDir(), `preset-cli-${PRESET_CLI_VERSION}`);
  const bin = path.join(venv, 'bin', 'superset-cli');
  if (fs.existsSync(bin)) return bin;
  process.stderr.write(`[harness] installing preset-cli ${PRESET_CLI_VERSION} into ${venv}\n`);
  fs.rmSync(venv, { recursive: true, force: true });
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(path.join(venv, 'bin', 'pip'), ['install', '-q', `preset-cli==${PRESET_CLI_VERSION}`], {
    stdio: 'inherit',
  });
  return bin;
}
