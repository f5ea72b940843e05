// The README is a contract: the Superset releases it says are supported are the ones the product and the harness
// know, every `superset:up` command and option it shows is one the harness takes, and every script and file it
// names exists.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUpArgs, SUPERSET_VERSIONS } from '@superset-git/harness';
import { SUPPORTED_RELEASES } from '@superset-git/superset';

const ROOT = path.resolve(import.meta.dirname, '../..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = (heading: string) => {
  const start = readme.indexOf(`## ${heading}`);
  expect(start, `README has no '## ${heading}'`).toBeGreaterThan(-1);
  return readme.slice(start, readme.indexOf('\n## ', start + 3));
};

describe('the README', () => {
  it('names as supported exactly the Superset releases the product and the test harness know', () => {
    const supported = section('Supported Superset versions');
    const header = supported.split('\n').find((line) => line.startsWith('| what differs'))!;
    const columns = header
      .split('|')
      .map((cell) => cell.trim())
      .slice(2, -2);
    expect(columns).toEqual([...SUPPORTED_RELEASES]);
    expect(SUPERSET_VERSIONS.map((version) => version.replace(/\.\d+$/, ''))).toEqual([
      ...SUPPORTED_RELEASES,
    ]);
    for (const version of SUPERSET_VERSIONS) expect(supported).toContain(version);
  });

  it('shows only superset:up commands and options the harness takes', () => {
    const harness = section('A real Superset for tests and development');
    const commands = [...harness.matchAll(/^npm run superset:up -- (.*?)(?:\s+#.*)?$/gm)].map(
      (match) => match[1]!,
    );
    expect(commands.length).toBeGreaterThan(1);
    for (const command of commands) expect(() => parseUpArgs(command.split(/\s+/))).not.toThrow();
    const options = [...harness.matchAll(/^\| `(--[a-z-]+)`\s+\| `?([^`|]+?)`?\s+\|/gm)];
    expect(options.length).toBeGreaterThan(3);
    for (const [, option, fallback] of options) {
      const value = option === '--name' ? 'x' : option === '--port' ? '8088' : fallback!;
      expect(() => parseUpArgs([option!, value]), `${option} ${value}`).not.toThrow();
    }
    expect(() => parseUpArgs(['--superset-version', '3.1.0'])).toThrow(/4\.1\.4, 5\.0\.0, 6\.0\.0, 6\.1\.0/);
  });

  it('names only npm scripts and repository files that exist', () => {
    const scriptsOf = (dir: string) =>
      (JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as { scripts: object })
        .scripts;
    const named = [...readme.matchAll(/npm run ([a-z][a-z:-]*[a-z])( -w @superset-git\/([a-z-]+))?/g)];
    expect(named.length).toBeGreaterThan(5);
    for (const [command, script, , workspace] of named) {
      const dir = workspace
        ? fs.existsSync(path.join(ROOT, 'apps', workspace))
          ? `apps/${workspace}`
          : `packages/${workspace}`
        : '.';
      expect(scriptsOf(dir), command).toHaveProperty([script!]);
    }
    const files = [
      ...readme.matchAll(/`((?:apps|packages|test|scripts|docs|bench)\/[\w./-]+\.(?:ts|mjs|md|py))`/g),
    ].map((match) => match[1]!.replace(/[:-]+$/, ''));
    expect(files.length).toBeGreaterThan(3);
    for (const file of new Set(files)) expect(fs.existsSync(path.join(ROOT, file)), file).toBe(true);
  });
});
