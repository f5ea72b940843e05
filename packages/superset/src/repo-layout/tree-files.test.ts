// A repository may hold symbolic links (git keeps them, a pull brings them): a sync must not write through one
// to outside the repository, and a deploy must not read through one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTree, writeTree } from './tree-files.ts';

const temp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sg-tree-'));
const tree = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('the work tree writer', () => {
  it('writes changed files, removes files of objects that are gone, and leaves other files alone', () => {
    const root = temp();
    fs.writeFileSync(path.join(root, 'README.md'), 'mine\n');
    writeTree(root, tree({ 'dashboard.yaml': 'a: 1\n', 'charts/x--0b0b0b0b.yaml': 'x: 1\n' }));
    const second = writeTree(root, tree({ 'dashboard.yaml': 'a: 2\n' }));
    expect(second).toEqual({ written: ['dashboard.yaml'], removed: ['charts/x--0b0b0b0b.yaml'] });
    expect(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).toBe('mine\n');
  });

  it('refuses to write through a folder that is a symbolic link out of the repository', () => {
    const root = temp();
    const outside = temp();
    fs.symlinkSync(outside, path.join(root, 'charts'));
    expect(() => writeTree(root, tree({ 'charts/x--0b0b0b0b.yaml': 'x: 1\n' }))).toThrow(
      /charts is a symbolic link/,
    );
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('refuses to write over, or read, a file that is a symbolic link', () => {
    const root = temp();
    const secret = path.join(temp(), 'secret.txt');
    fs.writeFileSync(secret, 'not for Superset\n');
    fs.symlinkSync(secret, path.join(root, 'dashboard.yaml'));
    expect(() => readTree(root)).toThrow(/dashboard\.yaml is a symbolic link/);
    expect(() => writeTree(root, tree({ 'dashboard.yaml': 'a: 1\n' }))).toThrow(/symbolic link/);
    expect(fs.readFileSync(secret, 'utf8')).toBe('not for Superset\n');
  });
});
