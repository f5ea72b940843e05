// Required scopes against what a token has, wider scopes covering narrower ones.
import { describe, expect, it } from 'vitest';
import { assertScopes } from './token-check.ts';

const account = { login: 'me', name: null, email: null };

describe('assertScopes', () => {
  it('lets a wider scope stand for a narrower one (GitLab api, GitHub repo)', () => {
    expect(() => assertScopes({ account, scopes: ['api'] }, ['write_repository', 'read_api'])).not.toThrow();
    expect(() => assertScopes({ account, scopes: ['repo'] }, ['public_repo'])).not.toThrow();
  });

  it('names the first missing scope, and passes when the provider does not tell (null)', () => {
    expect(() => assertScopes({ account, scopes: ['read_repository'] }, ['write_repository'])).toThrow(
      expect.objectContaining({ code: 'PROVIDER_SCOPE', missingScope: 'write_repository' }),
    );
    expect(() => assertScopes({ account, scopes: ['public_repo'] }, ['repo'])).toThrow(
      /lacks the 'repo' scope/,
    );
    expect(assertScopes({ account, scopes: null }, ['repo']).scopes).toBeNull();
  });
});
