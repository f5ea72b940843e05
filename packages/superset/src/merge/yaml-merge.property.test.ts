// Properties any merge of two people's edits must have, over generated dashboard-like documents.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toYaml, type Json } from '../bundle/yaml-text.ts';
import { mergeYamlFile } from './yaml-merge.ts';

type Obj = { [key: string]: Json };
const key = fc.constantFrom('slice_name', 'cache_timeout', 'params', 'children', 'meta', 'id', 'width');
const scalar = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('a', 'b', 'c'), fc.constant(null));
const ids = fc.uniqueArray(fc.constantFrom('CHART-1', 'CHART-2', 'CHART-3', 'ROW-1', 'ROW-2'), {
  maxLength: 4,
});
const filters = fc.uniqueArray(fc.record({ id: fc.constantFrom('F-1', 'F-2', 'F-3'), name: scalar }), {
  selector: (item) => item.id,
  maxLength: 3,
});
const doc: fc.Arbitrary<Obj> = fc.letrec<{ value: Json; doc: Obj }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, ids, filters, tie('doc')),
  doc: fc.dictionary(key, tie('value'), { maxKeys: 4 }) as fc.Arbitrary<Obj>,
})).doc;

function run(base: Obj, mine: Obj, theirs: Obj) {
  const result = mergeYamlFile({
    path: 'charts/x--00000000.yaml',
    base: toYaml(base),
    mine: toYaml(mine),
    theirs: toYaml(theirs),
  });
  if (result.kind !== 'merged') throw new Error(result.reason);
  return result;
}

describe('structural merge properties', () => {
  it('gives back the one side that changed, exactly as a sync writes it', () => {
    fc.assert(
      fc.property(doc, doc, (base, changed) => {
        for (const result of [run(base, changed, base), run(base, base, changed)]) {
          expect(result.conflicts).toEqual([]);
          expect(result.text).toBe(toYaml(changed));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is symmetric: swapping mine and theirs gives the same merge and the same conflicts, sides swapped', () => {
    fc.assert(
      fc.property(doc, doc, doc, (base, mine, theirs) => {
        const forward = run(base, mine, theirs);
        const backward = run(base, theirs, mine);
        expect(backward.conflicts).toEqual(
          forward.conflicts.map((conflict) => ({
            ...conflict,
            mine: conflict.theirs,
            theirs: conflict.mine,
          })),
        );
        if (forward.conflicts.length === 0) expect(backward.text).toBe(forward.text);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every edit of either side that the other did not touch', () => {
    fc.assert(
      fc.property(doc, scalar, scalar, (base, a, b) => {
        const before = { ...base, slice_name: 'z', cache_timeout: 'z' };
        const result = run(before, { ...before, slice_name: a }, { ...before, cache_timeout: b });
        expect(result.conflicts).toEqual([]);
        expect(result.text).toBe(toYaml({ ...base, slice_name: a, cache_timeout: b }));
      }),
      { numRuns: 200 },
    );
  });
});
