// An HTTP proxy in front of a real Superset that lets a test act at an exact moment of an exchange: once a
// matching request has been passed on whole (Superset is working on it) or once its answer has been passed back;
// answer some requests itself (a load balancer's 502, a refusal); count what went through. When the upstream
// cannot be reached it answers 502, as a load balancer in front of a stopped Superset does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ExchangePhase = 'sent' | 'answered';

/** An answer the proxy gives itself instead of passing the request on. */
export interface ProxyAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface FaultProxyOptions {
  /** Answers a request itself when this returns an answer (e.g. refuses writes); passes it on otherwise. */
  refuse?: (method: string, pathname: string) => ProxyAnswer | null;
}

export interface FaultProxy {
  url: string;
  /** Runs `action` once, at `phase` of the first request matching method and path (a prefix, query excluded). */
  once(method: string, pathPrefix: string, phase: ExchangePhase, action: () => void | Promise<void>): void;
  /** Answers the next `count` requests matching method (`*` for any) and path prefix with `status` itself. */
  failNext(method: string, pathPrefix: string, count: number, status: number): void;
  /** How many requests matched a `method path-prefix` asked about with `once` or `failNext`. */
  seen(method: string, pathPrefix: string): number;
  /** Every request received so far. */
  requests(): number;
  /** The requests `refuse` answered, as `METHOD path`. */
  readonly refused: string[];
  close(): Promise<void>;
}

interface Trigger {
  key: string;
  phase: ExchangePhase;
  action: () => void | Promise<void>;
}

const keyOf = (method: string, pathPrefix: string) => `${method.toUpperCase()} ${pathPrefix}`;

export async function startFaultProxy(target: string, options: FaultProxyOptions = {}): Promise<FaultProxy> {
  const upstream = new URL(target);
  const triggers: Trigger[] = [];
  const failures = new Map<string, { left: number; status: number }>();
  const counts = new Map<string, number>();
  const refused: string[] = [];
  let received = 0;
  const matching = (request: http.IncomingMessage) => {
    const pathname = (request.url ?? '').split('?')[0]!;
    return (key: string) => {
      const [method, prefix] = key.split(' ', 2) as [string, string];
      return (method === '*' || method === request.method) && pathname.startsWith(prefix);
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
  const answer = (request: http.IncomingMessage, response: http.ServerResponse, own: ProxyAnswer) => {
    request.resume();
    response.writeHead(own.status, { 'content-type': own.contentType });
    response.end(own.body);
  };

  const server = http.createServer((request, response) => {
    received += 1;
    const matches = matching(request);
    for (const key of new Set([...triggers.map((trigger) => trigger.key), ...failures.keys()])) {
      if (matches(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const failure = [...failures.entries()].find(([key, value]) => value.left > 0 && matches(key));
    if (failure) {
      failure[1].left -= 1;
      const status = failure[1].status;
      answer(request, response, {
        status,
        contentType: 'text/html',
        body: `<html><body>${status} from the proxy</body></html>`,
      });
      return;
    }
    const pathname = new URL(request.url ?? '/', 'http://proxy').pathname.replace(/\/+$/, '');
    const own = options.refuse?.(request.method ?? 'GET', pathname);
    if (own) {
      refused.push(`${request.method} ${pathname}`);
      answer(request, response, own);
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
      (upstreamAnswer) => {
        upstreamAnswer.on('end', () => fire(request, 'answered'));
        // The caller may be gone (killed): the answer is still read to its end, as Superset finishes anyway.
        if (response.destroyed) {
          upstreamAnswer.resume();
          return;
        }
        response.on('close', () => upstreamAnswer.resume());
        response.writeHead(upstreamAnswer.statusCode ?? 502, upstreamAnswer.headers);
        upstreamAnswer.pipe(response);
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
    requests: () => received,
    refused,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
