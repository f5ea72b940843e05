// Neighbouring fields merged from git's own diff3 output: the same text the whole structural merge writes, and
// no answer (the whole merge then runs) wherever a line could mean something else than one field.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { toYaml, type Json } from '../bundle/yaml-text.ts';
import { mergeFieldHunks } from './hunk-merge.ts';
import { mergeYamlFile } from './yaml-merge.ts';

type Obj = { [key: string]: Json };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-hunks-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** git's line merge of the three texts, with diff3 markers, as `git merge-tree` leaves it. */
function gitMerge(base: string, mine: string, theirs: string): string {
  const files = ['mine', 'base', 'theirs'].map((name) => path.join(dir, name));
  [mine, base, theirs].forEach((text, index) => fs.writeFileSync(files[index]!, text));
  try {
    return execFileSync('git', ['merge-file', '-p', '--diff3', ...files], { encoding: 'utf8' });
  } catch (error) {
    return String((error as { stdout: string }).stdout);
  }
}

const chart = (over: Obj = {}, params: Obj = {}): Obj => ({
  cache_timeout: null,
  certification_details: null,
  certified_by: null,
  description: null,
  params: {
    color_scheme: 'supersetColors',
    groupby: ['region'],
    row_limit: 1000,
    time_range: 'No filter',
    ...params,
  },
  slice_name: 'Units sold',
  uuid: '2d197a0b-0000',
  ...over,
});

function both(base: Obj, mine: Obj, theirs: Obj) {
  const texts = [base, mine, theirs].map((value) => toYaml(value)) as [string, string, string];
  const marked = gitMerge(...texts);
  const quick = mergeFieldHunks(marked);
  const whole = mergeYamlFile({
    path: 'charts/units--2d197a0b.yaml',
    base: texts[0],
    mine: texts[1],
    theirs: texts[2],
  });
  return { marked, quick, whole };
}

describe('neighbouring fields merged from git diff3 output', () => {
  it('merges neighbouring top-level and nested fields into the text the whole merge writes', () => {
    for (const [mine, theirs] of [
      [chart({ cache_timeout: 300 }), chart({ certification_details: 'checked' })],
      [chart({}, { time_range: 'Last week' }), chart({}, { row_limit: 10 })],
      [
        chart({ cache_timeout: 300, description: 'x' }, { time_range: 'Last week' }),
        chart({ certified_by: 'Ann' }, { row_limit: 5 }),
      ],
    ] as const) {
      const { marked, quick, whole } = both(chart(), mine, theirs);
      expect(marked).toContain('<<<<<<<');
      expect(whole.kind === 'merged' && whole.conflicts).toEqual([]);
      expect(quick).toBe(whole.kind === 'merged' ? whole.text : null);
    }
  });

  it('gives no answer for a field changed two ways, a list item, or a value that goes on below', () => {
    expect(both(chart(), chart({ cache_timeout: 300 }), chart({ cache_timeout: 600 })).quick).toBeNull();
    const lists = both(
      chart({}, { groupby: ['a', 'b'] }),
      chart({}, { groupby: ['x', 'b'] }),
      chart({}, { groupby: ['a', 'y'] }),
    );
    expect(lists.marked).toContain('<<<<<<<');
    expect(lists.quick).toBeNull();
    // Lines of a block scalar (a dataset's SQL) that read like fields are not fields.
    const sql = (a: number, b: number) => `sql: |-\n  select a: ${a}\n  from b: ${b}\nuuid: u\n`;
    const inBlock = gitMerge(sql(1, 2), sql(9, 2), sql(1, 7));
    expect(inBlock).toContain('<<<<<<<');
    expect(mergeFieldHunks(inBlock)).toBeNull();
    const going =
      '<<<<<<< a\nx: 1\ny: 2\n||||||| b\nx: 0\ny: 0\n=======\nx: 0\ny: 3\n>>>>>>> c\n  continued\n';
    expect(mergeFieldHunks(going)).toBeNull();
  });

  it('takes an empty list beside the fields, but not a quoted value left open', () => {
    const hunk = (mine: string, base: string, theirs: string) =>
      `<<<<<<< a\n${mine}\n||||||| b\n${base}\n=======\n${theirs}\n>>>>>>> c\n`;
    expect(mergeFieldHunks(hunk('a: []\nb: 1', 'a: []\nb: 0', 'a: [x]\nb: 0'))).toBeNull();
    expect(mergeFieldHunks(hunk('a: []\nb: 1', 'a: []\nb: 0', 'a: {}\nb: 0'))).toBe('a: {}\nb: 1\n');
    expect(mergeFieldHunks(hunk("a: 'it''\nb: 1", "a: 'it''\nb: 0", "a: 'x'\nb: 0"))).toBeNull();
    expect(mergeFieldHunks(hunk('a: "x\\"\nb: 1', 'a: "x\\"\nb: 0', 'a: "y"\nb: 0'))).toBeNull();
  });

  it('gives no answer when a side holds a line that looks like a conflict marker', () => {
    // Kept by both sides: git's merge holds it outside any conflict.
    const kept = gitMerge('x: 0\ny: 0\n=======\n', 'x: 1\ny: 0\n=======\n', 'x: 0\ny: 2\n=======\n');
    expect(kept).toMatch(/^=======$/m);
    expect(mergeFieldHunks(kept)).toBeNull();
    // Inside a conflict, out of its place.
    const inside = gitMerge('x: 0\ny: 0\n', 'x: 1\n=======\ny: 0\n', 'x: 0\ny: 2\n');
    expect(inside).toContain('<<<<<<<');
    expect(mergeFieldHunks(inside)).toBeNull();
    // Two regions must carry the same labels.
    const region = (label: string, a: string, b: string) =>
      `<<<<<<< ${label}\n${a}: 1\n${b}: 0\n||||||| base\n${a}: 0\n${b}: 0\n=======\n${a}: 0\n${b}: 2\n>>>>>>> theirs\n`;
    expect(mergeFieldHunks(`${region('mine', 'a', 'b')}c: 0\n${region('mine', 'd', 'e')}`)).toBe(
      'a: 1\nb: 2\nc: 0\nd: 1\ne: 2\n',
    );
    expect(mergeFieldHunks(`${region('mine', 'a', 'b')}c: 0\n${region('other', 'd', 'e')}`)).toBeNull();
  });

  it('whenever it answers, answers exactly what the whole structural merge writes', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 3 }),
      fc.constantFrom('a', 'b c', 'yes', "it's", '#x'),
      fc.constant(null),
    );
    const TOP = ['cache_timeout', 'certification_details', 'certified_by', 'description'];
    const INNER = ['color_scheme', 'row_limit', 'time_range'];
    // Each side changes a few fields (undefined: left as the base has it).
    const edits = fc.array(fc.option(value, { nil: undefined, freq: 2 }), { minLength: 7, maxLength: 7 });
    const apply = (base: Obj, changes: (Json | undefined)[]) => {
      const top: Obj = { ...base };
      const params: Obj = { ...(base.params as Obj) };
      changes.forEach((change, index) => {
        if (change === undefined) return;
        if (index < TOP.length) top[TOP[index]!] = change;
        else params[INNER[index - TOP.length]!] = change;
      });
      return { ...top, params };
    };
    let answered = 0;
    fc.assert(
      fc.property(edits, edits, edits, (start, mineEdits, theirEdits) => {
        const base = apply(chart(), start);
        const { quick, whole } = both(base, apply(base, mineEdits), apply(base, theirEdits));
        if (quick === null) return;
        answered += 1;
        expect(whole.kind).toBe('merged');
        if (whole.kind === 'merged') {
          expect(whole.conflicts).toEqual([]);
          expect(quick).toBe(whole.text);
        }
      }),
      { numRuns: 80 },
    );
    expect(answered).toBeGreaterThan(10);
  });
});
