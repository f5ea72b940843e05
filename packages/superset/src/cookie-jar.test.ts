import { describe, expect, it } from 'vitest';
import { CookieJar } from './cookie-jar.ts';

describe('cookie jar', () => {
  it('keeps the latest value of each cookie and drops expired ones', () => {
    const jar = new CookieJar();
    expect(jar.header()).toBeUndefined();
    jar.store(['session=abc; HttpOnly; Path=/', 'lang=en; Path=/']);
    jar.store(['session=def; HttpOnly; Path=/']);
    expect(jar.header()).toBe('session=def; lang=en');
    jar.store(['lang=; Expires=Thu, 01 Jan 1970 00:00:00 GMT']);
    expect(jar.header()).toBe('session=def');
  });
});
