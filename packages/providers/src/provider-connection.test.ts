// Where requests go for the URLs people paste: trailing slashes, API suffixes, the github.com web address.
import { describe, expect, it } from 'vitest';
import { defaultApiUrl, normalizeApiUrl } from './provider-connection.ts';
import { ProviderError } from './provider-error.ts';

describe('normalizeApiUrl', () => {
  it.each([
    ['github', 'https://api.github.com/', 'https://api.github.com'],
    ['github', 'https://github.com', 'https://api.github.com'],
    ['github', 'https://ghe.example.com/api/v3/', 'https://ghe.example.com/api/v3'],
    ['gitlab', 'https://gitlab.example.com/api/v4', 'https://gitlab.example.com'],
    ['gitlab', ' https://example.com/gitlab/api/v4/ ', 'https://example.com/gitlab'],
    ['gitlab', '', 'https://gitlab.com'],
    ['gitea', 'http://gitea.local:3000/api/v1/', 'http://gitea.local:3000'],
    ['gitea', 'https://GITEA.example.com', 'https://gitea.example.com'],
  ] as const)('%s %j → %s', (kind, given, expected) => {
    expect(normalizeApiUrl(kind, given)).toBe(expected);
  });

  it('refuses what cannot be an API URL, saying what to give', () => {
    const refused = (kind: 'github' | 'gitlab' | 'gitea', url: string) => {
      try {
        normalizeApiUrl(kind, url);
      } catch (error) {
        expect(error).toBeInstanceOf(ProviderError);
        return error as ProviderError;
      }
      throw new Error(`${url} was taken`);
    };
    expect(refused('gitea', '').message).toMatch(/self-hosted only.*instance root/);
    expect(refused('gitlab', 'gitlab.example.com').message).toMatch(
      /is not a URL; for GitLab give the instance root/,
    );
    expect(refused('gitlab', 'ssh://git@gitlab.example.com').message).toContain('https:// or http://');
    const withCredentials = refused('gitea', 'https://me:s3cret-token@gitea.example.com');
    expect(withCredentials.message).toContain('token field');
    expect(withCredentials.message).not.toContain('s3cret-token');
  });
});

describe('defaultApiUrl', () => {
  it('knows the public services and has none for Gitea', () => {
    expect([defaultApiUrl('github'), defaultApiUrl('gitlab'), defaultApiUrl('gitea')]).toEqual([
      'https://api.github.com',
      'https://gitlab.com',
      null,
    ]);
  });
});
