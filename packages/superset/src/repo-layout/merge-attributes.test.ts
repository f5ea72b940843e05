// The repository's .gitattributes: written once when missing, never rewritten over a person's own lines, and
// never removed by a sync as a file of an object that is gone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GITATTRIBUTES_TEXT, writeMergeAttributes } from './merge-attributes.ts';
import { writeTree } from './tree-files.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-attributes-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the merge driver attributes', () => {
  it('are written when missing, kept as a person changed them, and left alone by a sync', () => {
    expect(writeMergeAttributes(root)).toBe(true);
    const file = path.join(root, '.gitattributes');
    expect(fs.readFileSync(file, 'utf8')).toBe(GITATTRIBUTES_TEXT);
    expect(GITATTRIBUTES_TEXT).toContain('*.yaml merge=superset-git\n');
    fs.appendFileSync(file, '*.md text\n');
    expect(writeMergeAttributes(root)).toBe(false);
    const result = writeTree(root, new Map([['dashboard.yaml', 'a: 1\n']]));
    expect(result.removed).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${GITATTRIBUTES_TEXT}*.md text\n`);
  });
});
