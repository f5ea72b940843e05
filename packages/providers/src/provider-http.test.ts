// The provider's own words in an error body, in the shapes GitHub, GitLab and Gitea use.
import { describe, expect, it } from 'vitest';
import { providerMessage } from './provider-http.ts';

describe('providerMessage', () => {
  it.each([
    [{ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }, 'Bad credentials'],
    [
      { message: 'Validation Failed', errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }] },
      'Validation Failed: head invalid',
    ],
    [
      { message: 'Validation Failed', errors: [{ message: 'No commits between main and feature' }] },
      'Validation Failed: No commits between main and feature',
    ],
    [
      {
        message: 'Repository creation failed.',
        errors: [{ message: 'name already exists on this account' }],
      },
      'Repository creation failed: name already exists on this account',
    ],
    [{ message: { name: ['has already been taken'] } }, 'name has already been taken'],
    [{ message: ['Another open merge request already exists'] }, 'Another open merge request already exists'],
    [{ error: 'insufficient_scope', error_description: 'Needs more.' }, 'Needs more.'],
    [{ error: '404 Not Found' }, '404 Not Found'],
    ['<html></html>', ''],
    [undefined, ''],
  ])('%j → %j', (body, expected) => {
    expect(providerMessage(body)).toBe(expected);
  });
});
