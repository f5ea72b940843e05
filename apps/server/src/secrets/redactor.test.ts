import { describe, expect, it } from 'vitest';
import { Redactor } from './redactor.ts';

describe('redactor', () => {
  it('masks registered secrets, API tokens, bearer and basic credentials, and URL passwords', () => {
    const redactor = new Redactor();
    redactor.add('pa55word!');
    const text = [
      'login with pa55word! failed',
      'token sgt_abcdefghijklmnopqrstuvwxyz',
      'Authorization: Bearer eyJhbGciOi.payload.sig',
      'Authorization: Basic eC1hY2Nlc3MtdG9rZW46c2VjcmV0',
      'remote https://user:ghp_secret@github.com/a/b.git',
    ].join('\n');
    const out = redactor.redact(text);
    for (const secret of ['pa55word!', 'sgt_abc', 'eyJhbGciOi', 'eC1hY2Nlc3M', 'ghp_secret'])
      expect(out).not.toContain(secret);
    expect(out).toContain('Bearer ••••');
    expect(out).toContain('https://user:••••@github.com/a/b.git');
  });

  it('ignores values too short to be told apart from ordinary words', () => {
    const redactor = new Redactor();
    redactor.add('ab');
    expect(redactor.redact('a about b')).toBe('a about b');
  });
});
