import { describe, expect, it } from 'vitest';
import { changedOnIso, changedOnMicros } from './changed-on-api.ts';

describe("Superset's change times", () => {
  it('compare exactly whether Superset wrote microseconds, none (a whole second) or another zone style', () => {
    const whole = changedOnMicros('2026-12-02T13:11:28+0000');
    const later = changedOnMicros('2026-12-02T13:11:28.000001+0000');
    expect(later - whole).toBe(1);
    expect(changedOnMicros('2026-12-02T13:11:28.5Z')).toBe(whole + 500_000);
    expect(changedOnMicros('2026-12-02T14:11:28+01:00')).toBe(whole);
    expect(changedOnMicros('not a time')).toBeNaN();
  });

  it('are answered as ISO times the API can declare', () => {
    expect(changedOnIso('2026-12-02T13:11:28.857902+0000')).toBe('2026-12-02T13:11:28.857Z');
  });
});
