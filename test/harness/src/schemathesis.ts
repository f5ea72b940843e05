// schemathesis, the property-based API fuzzer that reads our OpenAPI document, in its own venv (its pins are
// its own): the stress test fuzzes every operation with it against a live server.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir } from './harness-paths.ts';

export const SCHEMATHESIS_VERSION = '4.32.5';

/** The `schemathesis` executable, installed on first use (needs PyPI once). */
export function ensureSchemathesis(): string {
  const venv = path.join(cacheDir(), `schemathesis-${SCHEMATHESIS_VERSION}`);
  const bin = path.join(venv, 'bin', 'schemathesis');
  if (fs.existsSync(bin)) return bin;
  process.stderr.write(`[harness] installing schemathesis ${SCHEMATHESIS_VERSION} into ${venv}\n`);
  fs.rmSync(venv, { recursive: true, force: true });
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(path.join(venv, 'bin', 'pip'), ['install', '-q', `schemathesis==${SCHEMATHESIS_VERSION}`], {
    stdio: 'inherit',
  });
  return bin;
}
