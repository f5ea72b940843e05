// A proxy that keeps a shared Superset read-only: reads and logins pass, every other write is refused with the
// 403 a user without the permission would get. For tests that let a fuzzer loose on imports and deploys
// without letting it change the dashboards other tests rely on.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Writes Superset needs to hand out tokens; they change nothing. */
const ALLOWED_WRITES = new Set(['/api/v1/security/login', '/api/v1/security/refresh']);
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ReadOnlySuperset {
  url: string;
  /** Writes refused so far, as `METHOD path`. */
  readonly refused: string[];
  close(): Promise<void>;
}

export async function readOnlySuperset(target: string): Promise<ReadOnlySuperset> {
  const upstream = new URL(target);
  const refused: string[] = [];
  const server = http.createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://proxy').pathname.replace(/\/+$/, '');
    if (!READS.has(request.method ?? '') && !ALLOWED_WRITES.has(path)) {
      refused.push(`${request.method} ${path}`);
      request.resume();
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'Forbidden: this Superset is read-only for the test' }));
      return;
    }
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: upstream.host },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on('error', () => response.destroy());
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    refused,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
