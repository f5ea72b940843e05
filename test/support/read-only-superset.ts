// A proxy that keeps a shared Superset read-only: reads and logins pass, every other write is refused with the
// 403 a user without the permission would get. For tests that let a fuzzer loose on imports and deploys
// without letting it change the dashboards other tests rely on.
import { startFaultProxy, type FaultProxy } from './fault-proxy.ts';

/** Writes Superset needs to hand out tokens; they change nothing. */
const ALLOWED_WRITES = new Set(['/api/v1/security/login', '/api/v1/security/refresh']);
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type ReadOnlySuperset = FaultProxy;

export function readOnlySuperset(target: string): Promise<ReadOnlySuperset> {
  return startFaultProxy(target, {
    refuse: (method, pathname) =>
      READS.has(method) || ALLOWED_WRITES.has(pathname)
        ? null
        : {
            status: 403,
            contentType: 'application/json',
            body: JSON.stringify({ message: 'Forbidden: this Superset is read-only for the test' }),
          },
  });
}
