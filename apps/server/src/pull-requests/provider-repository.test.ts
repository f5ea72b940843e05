// Which repository on the provider a dashboard's clone URL names, for the pull request API's paths.
import { describe, expect, it } from 'vitest';
import { providerRepository } from './provider-repository.ts';

describe('the repository a clone URL names on the provider', () => {
  it('reads owner/name from https and scp-like URLs, less an instance under a path', () => {
    expect(providerRepository('https://github.com/acme/sales.git', 'https://api.github.com')).toBe(
      'acme/sales',
    );
    expect(providerRepository('git@gitlab.example.com:bi/team/sales.git', 'https://gitlab.example.com')).toBe(
      'bi/team/sales',
    );
    expect(
      providerRepository('https://example.com/gitlab/bi/sales.git', 'https://example.com/gitlab/api/v4'),
    ).toBe('bi/sales');
    expect(() => providerRepository('https://git.example.com/sales.git', 'https://git.example.com')).toThrow(
      /does not name an owner and a repository/,
    );
  });
});
