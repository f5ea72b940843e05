// An HTTP proxy in front of a real Superset that lets a test act at an exact moment of an exchange: once a
// matching request has been passed on whole (Superset is working on it) or once its answer has been passed back.
// When the upstream cannot be reached it answers 502, as a load balancer in front of a stopped Superset does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ExchangePhase = 'sent' | 'answered';

export interface FaultProxy {
  url: string;
  /** Runs `action` once, at `phase` of the first request matching method and path (a prefix, query excluded). */
  once(method: string, pathPrefix: string, phase: ExchangePhase, action: () => void | Promise<void>): void;
  /** Answers the next `count` requests matching method and path prefix with `status` itself. */
  failNext(method: string, pathPrefix: string, count: number, status: number): void;
  /** How many requests matched each `method path-prefix` asked about with `once` or `failNext`. */
  seen(method: string, pathPrefix: string): number;
  close(): Promise<void>;
}

interface Trigger {
  key: string;
  phase: ExchangePhase;
  action: () => void | Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const triggers: Trigger[] = [];
  const failures = new Map<string, { left: number; status: number }>();
  const counts = new Map<string, number>();
  const keyOf = (method: string, pathPrefix: string) => `${method.toUpperCase()} ${pathPrefix}`;
  const matching = (request: http.IncomingMessage) => {
    const pathname = (request.url ?? '').split('?')[0]!;
    return (key: string) => {
      const [method, prefix] = key.split(' ', 2) as [string, string];
      return method === request.method && pathname.startsWith(prefix);
    };
  };
  const fire = (request: http.IncomingMessage, phase: ExchangePhase) => {
    const matches = matching(request);
    const index = triggers.findIndex((trigger) => trigger.phase === phase && matches(trigger.key));
    if (index < 0) return;
    const [trigger] = triggers.splice(index, 1);
    void Promise.resolve(trigger!.action()).catch((error: unknown) => {
      process.stderr.write(`fault proxy action failed: ${String(error)}\n`);
    });
  };

  const server = http.createServer((request, response) => {
    const matches = matching(request);
    for (const key of new Set([...triggers.map((trigger) => trigger.key), ...failures.keys()])) {
      if (matches(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const failure = [...failures.entries()].find(([key, value]) => value.left > 0 && matches(key));
    if (failure) {
      failure[1].left -= 1;
      request.resume();
      response.writeHead(failure[1].status, { 'content-type': 'text/html' });
      response.end(`<html><body>${failure[1].status} from the proxy</body></html>`);
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
        answer.on('end', () => fire(request, 'answered'));
        // The caller may be gone (killed): the answer is still read to its end, as Superset finishes anyway.
        if (response.destroyed) {
          answer.resume();
          return;
        }
        response.on('close', () => answer.resume());
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on('error', () => {
      if (response.headersSent) response.destroy();
      else {
        response.writeHead(502, { 'content-type': 'text/html' });
        response.end('<html><body>502 Bad Gateway: the upstream Superset does not answer</body></html>');
      }
    });
    request.pipe(forward);
    request.on('end', () => fire(request, 'sent'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    once: (method, pathPrefix, phase, action) => {
      triggers.push({ key: keyOf(method, pathPrefix), phase, action });
    },
    failNext: (method, pathPrefix, count, status) => {
      failures.set(keyOf(method, pathPrefix), { left: count, status });
    },
    seen: (method, pathPrefix) => counts.get(keyOf(method, pathPrefix)) ?? 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
