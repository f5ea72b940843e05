// Servers that are not Superset, for the failures a user meets: an HTML site, a host that never answers,
// a self-signed HTTPS site, and a flaky proxy in front of the real Superset.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { freePort } from '@superset-git/harness';
import { startFaultProxy } from './fault-proxy.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

async function listen(server: http.Server | https.Server, scheme: 'http' | 'https'): Promise<RunningServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const HTML = '<!doctype html><html><head><title>Intranet</title></head><body>Welcome</body></html>';

/** A web site that answers every request with an HTML page (status 200, or 404 for POSTs like many sites). */
export function htmlSite(): Promise<RunningServer> {
  return listen(
    http.createServer((request, response) => {
      response.writeHead(request.method === 'GET' ? 200 : 404, { 'content-type': 'text/html' });
      response.end(HTML);
    }),
    'http',
  );
}

/** Accepts connections and never answers. */
export function silentServer(): Promise<RunningServer> {
  return listen(
    http.createServer(() => {}),
    'http',
  );
}

/** HTTPS with a certificate nobody trusts. */
export function selfSignedSite(): Promise<RunningServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
    ],
    {
      stdio: 'ignore',
    },
  );
  return listen(
    https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(HTML);
    }),
    'https',
  );
}

/** Forwards to `target`, but answers the first `failures` requests with the given status (e.g. a 502 from a load balancer). */
export async function flakyProxy(
  target: string,
  failures: number,
  status = 502,
): Promise<RunningServer & { requests: () => number }> {
  const proxy = await startFaultProxy(target);
  proxy.failNext('*', '/', failures, status);
  return { url: proxy.url, close: proxy.close, requests: proxy.requests };
}

export { freePort };
