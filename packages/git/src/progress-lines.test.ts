import { describe, expect, it } from 'vitest';
import { isInterimProgress } from './progress-lines.ts';

describe('git progress in a task log', () => {
  it('keeps the line that finishes each phase and anything that is not progress', () => {
    expect(isInterimProgress('remote: Counting objects:  42% (42/100)')).toBe(true);
    expect(isInterimProgress('Writing objects:   3% (1/30), 160 bytes | 160.00 KiB/s')).toBe(true);
    expect(isInterimProgress('remote: Counting objects: 100% (100/100), done.')).toBe(false);
    expect(isInterimProgress('Writing objects: 100% (7/7), 694 bytes | 694.00 KiB/s, done.')).toBe(false);
    expect(isInterimProgress('To http://127.0.0.1:8089/customers.git')).toBe(false);
    expect(isInterimProgress('remote: Total 7 (delta 5), reused 0 (delta 0), pack-reused 0')).toBe(false);
    expect(isInterimProgress('Unpacking objects:  50% (2/4)')).toBe(true);
    expect(isInterimProgress('remote: Resolving deltas: 100% (5/5), completed with 2 local objects.')).toBe(
      false,
    );
  });
});
