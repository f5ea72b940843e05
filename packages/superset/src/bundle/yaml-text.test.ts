// YAML from a bundle or a repository may be hostile: a few hundred bytes of aliases of aliases must not expand
// into gigabytes (it took the whole process down before this check).
import { describe, expect, it } from 'vitest';
import { fromYaml } from './yaml-text.ts';

function laughs(levels: number): string {
  const lines = ['uuid: 0b0b0b0b-0000-4000-8000-000000000001', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let level = 1; level <= levels; level += 1) {
    const previous = `*a${level - 1}`;
    lines.push(`a${level}: &a${level} [${Array(10).fill(previous).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('YAML from outside', () => {
  it('refuses a "billion laughs" file quickly, naming the file', () => {
    const text = laughs(8);
    expect(text.length).toBeLessThan(1000);
    expect(() => fromYaml(text, 'charts/bomb.yaml')).toThrow(
      /charts\/bomb\.yaml.*expands to more than 1,000,000 values/,
    );
  });

  it('still reads a file whose aliases stay small', () => {
    const value = fromYaml(laughs(2), 'charts/ok.yaml');
    expect((value.a2 as unknown[][]).flat()).toHaveLength(100);
  });
});
