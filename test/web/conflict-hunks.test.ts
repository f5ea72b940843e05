// The conflict resolver's per-conflict choices: a file with git's markers split into conflicts, each settled
// as mine, theirs or both, the rest of the file untouched.
import { describe, expect, it } from 'vitest';
import { hasMarkers, hunksOf, settleHunk } from '../../apps/web/src/lib/dashboard/conflict-hunks.ts';

const MERGED = [
  'dashboard_title: Sales',
  '<<<<<<< HEAD',
  'css: mine',
  '=======',
  'css: theirs',
  '>>>>>>> origin/main',
  'slug: sales',
  '<<<<<<< HEAD',
  'description: A',
  '||||||| base',
  'description: null',
  '=======',
  'description: B',
  'extra: b',
  '>>>>>>> origin/main',
  'version: 1.0.0',
].join('\n');

describe('conflict hunks', () => {
  it('finds each conflict with both sides, diff3 base left out', () => {
    expect(hunksOf(MERGED)).toEqual([
      { index: 0, mine: 'css: mine', theirs: 'css: theirs' },
      { index: 1, mine: 'description: A', theirs: 'description: B\nextra: b' },
    ]);
  });

  it('settles one conflict at a time and leaves the other marked', () => {
    const first = settleHunk(MERGED, 0, 'theirs');
    expect(first.split('\n').slice(0, 3)).toEqual(['dashboard_title: Sales', 'css: theirs', 'slug: sales']);
    expect(hunksOf(first)).toHaveLength(1);
    const both = settleHunk(first, 0, 'both');
    expect(hasMarkers(both)).toBe(false);
    expect(both).toBe(
      [
        'dashboard_title: Sales',
        'css: theirs',
        'slug: sales',
        'description: A',
        'description: B',
        'extra: b',
        'version: 1.0.0',
      ].join('\n'),
    );
    expect(settleHunk(MERGED, 1, 'mine')).toContain('slug: sales\ndescription: A\nversion: 1.0.0');
  });

  it('leaves text without markers, or with a marker never closed, as it is', () => {
    expect(hunksOf('a: 1\nb: 2')).toEqual([]);
    const broken = 'a: 1\n<<<<<<< HEAD\nb: 2';
    expect(settleHunk(broken, 0, 'mine')).toBe(broken);
  });
});
