// SUPERSET_GIT_TRUST_PROXY: which proxies in front of the server may name the client and its protocol.
import net from 'node:net';
import { z } from 'zod';

/** Ranges proxy-addr (Fastify's trustProxy) knows by name. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const FORMS =
  'true, false, or a comma-separated list of proxy addresses or CIDR ranges such as 10.0.0.0/8,127.0.0.1';

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry) || net.isIP(entry) !== 0) return true;
  const match = /^([^/]+)\/(\d{1,3})$/.exec(entry);
  if (!match) return false;
  const family = net.isIP(match[1]!);
  const bits = Number(match[2]);
  return (family === 4 && bits <= 32) || (family === 6 && bits <= 128);
}

/**
 * `false` (the default): forwarded headers are ignored, so a client cannot choose its own address. `true`: every
 * peer is a proxy (only for a server that nothing but the proxy can reach). A list: only those peers. A hop count
 * is refused: Fastify cannot check the direct peer with one, so it would ignore the headers altogether.
 */
export const TrustProxy = z
  .union([z.boolean(), z.string(), z.array(z.string())])
  .default(false)
  .transform((value, ctx): boolean | string[] => {
    if (typeof value === 'boolean') return value;
    const text = Array.isArray(value) ? value.join(',') : value.trim();
    if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
    if (/^\d+$/.test(text)) {
      ctx.addIssue({
        code: 'custom',
        message: `SUPERSET_GIT_TRUST_PROXY=${text}: a hop count cannot tell a proxy from a client; give the proxies' addresses (${FORMS})`,
      });
      return z.NEVER;
    }
    const entries = text
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const wrong = entries.find((entry) => !isAddressOrRange(entry));
    if (entries.length === 0 || wrong !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `SUPERSET_GIT_TRUST_PROXY: ${wrong === undefined ? 'no address given' : `'${wrong}' is not an address or CIDR range`}; use ${FORMS}`,
      });
      return z.NEVER;
    }
    return entries;
  });
