// The one reading of network failures that the Superset client and the providers share.
import { describe, expect, it } from 'vitest';
import { networkFailure } from './network-failure.ts';

const context = {
  url: 'https://bi.example.com:8443/api',
  service: 'Superset',
  timeoutMs: 1500,
  tlsAdvice: 'fix it',
};
/** What undici throws: a TypeError("fetch failed") whose cause carries the system code. */
const fetchFailed = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause });

describe('reading a request that got no answer', () => {
  it('names the service and host, and says nothing is listening when the connection is refused', () => {
    const refused = fetchFailed(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(networkFailure(refused, context)).toEqual({
      kind: 'unreachable',
      message: 'Cannot reach Superset at bi.example.com:8443: nothing is listening on that port.',
    });
  });

  it('finds the code of a host with several addresses inside the AggregateError', () => {
    const aggregate = fetchFailed(
      Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'EHOSTUNREACH' })]), {}),
    );
    expect(networkFailure(aggregate, { ...context, service: undefined }).message).toBe(
      'Cannot reach bi.example.com:8443: the host is unreachable.',
    );
  });

  it('tells a timeout by its name or by its code', () => {
    expect(networkFailure(new DOMException('late', 'TimeoutError'), context)).toEqual({
      kind: 'timeout',
      message: 'Superset at bi.example.com:8443 did not answer within 1.5 s.',
    });
    const code = fetchFailed(Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' }));
    expect(networkFailure(code, context).kind).toBe('timeout');
  });

  it('tells an untrusted certificate from a server that speaks no HTTPS, with the caller’s advice', () => {
    const untrusted = fetchFailed(Object.assign(new Error('x'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }));
    expect(networkFailure(untrusted, context)).toEqual({
      kind: 'tls',
      message:
        'TLS connection to bi.example.com:8443 failed: the certificate was rejected (SELF_SIGNED_CERT_IN_CHAIN); fix it.',
    });
    const plain = fetchFailed(Object.assign(new Error('x'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }));
    expect(networkFailure(plain, context).message).toContain('does not speak HTTPS on that port');
  });

  it('says a port fetch refuses to use is blocked', () => {
    const blocked = fetchFailed(new Error('bad port'));
    expect(networkFailure(blocked, context)).toMatchObject({
      kind: 'unreachable',
      message: expect.stringContaining('that port is blocked for HTTP clients'),
    });
  });

  it('never quotes the cause, which may hold a header that was sent', () => {
    const leaky = fetchFailed(Object.assign(new Error('Bearer secret-token is invalid'), { code: 'E_ODD' }));
    const { message } = networkFailure(leaky, context);
    expect(message).toBe('Cannot reach Superset at bi.example.com:8443: the connection failed (E_ODD).');
  });
});
