// A real git server for tests and the demo: `git http-backend` (smart HTTP) behind a small Node server that
// checks basic auth against one token, so clone, push, pull and auth failures are git's own.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export interface GitRemoteOptions {
  /** Folder holding the bare repositories; a temporary one by default. */
  root?: string;
  port?: number;
  token?: string;
  /** Holds every push (receive-pack) this long before answering, to observe a push in flight. */
  pushDelayMs?: number;
}

export interface GitRemote {
  url: string;
  root: string;
  token: string;
  port: number;
  /** Creates a bare repository `<name>.git` (empty) and returns its clone URL. */
  createRepository(name: string): string;
  /** Basic-auth header values every request carried, for tests that check what the server saw. */
  readonly authorizations: string[];
  /** Paths of requests refused for bad or missing credentials. */
  readonly refused: string[];
  stop(): Promise<void>;
}

const REPO_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function gitEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' };
}

function tokenOf(header: string | undefined): string | null {
  const match = header?.match(/^Basic\s+(.+)$/i);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  // Like Gitea: any user name, the token is the password.
  return decoded.slice(decoded.indexOf(':') + 1);
}

/** Runs `git http-backend` as a CGI program for one request and streams its answer back. */
function serveGit(
  root: string,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  delayMs: number,
): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const child = spawn('git', ['http-backend'], {
    env: {
      ...gitEnv(),
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: request.method ?? 'GET',
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      // Setting a user enables push (receive-pack) for everyone who passed the token check.
      REMOTE_USER: 'superset-git',
      REMOTE_ADDR: request.socket.remoteAddress ?? '127.0.0.1',
      HTTP_CONTENT_ENCODING: request.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  request.pipe(child.stdin);
  let head = Buffer.alloc(0);
  let headersSent = false;
  const pending: Buffer[] = [];
  const isPush = url.pathname.endsWith('/git-receive-pack');
  const flush = () => {
    for (const chunk of pending.splice(0)) response.write(chunk);
  };
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersSent) {
      pending.push(chunk);
      flush();
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    const endLf = head.indexOf('\n\n');
    const split = end >= 0 ? end : endLf;
    if (split < 0) return;
    const headerText = head.subarray(0, split).toString('latin1');
    const body = head.subarray(split + (end >= 0 ? 4 : 2));
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of headerText.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
      else headers[name] = value;
    }
    response.writeHead(status, headers);
    headersSent = true;
    pending.push(body);
    flush();
  });
  child.stdout.on('end', () => {
    const finish = () => {
      if (!headersSent) response.writeHead(502);
      response.end();
    };
    if (isPush && delayMs > 0) setTimeout(finish, delayMs);
    else finish();
  });
  child.stderr.resume();
}

/**
 * `GET /api/repos` lists the repositories; `POST /api/repos {"name"}` creates an empty one (201 with its clone
 * URL, 409 when it exists, 400 for a name git hosts would refuse): the convention superset-git uses to create a
 * repository on a plain git server.
 */
function answerRepos(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  repos: { list: () => string[]; create: (name: string) => string },
): void {
  const answer = (status: number, body: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (request.method === 'GET') {
    answer(200, { repositories: repos.list() });
    return;
  }
  if (request.method !== 'POST') {
    answer(405, { message: 'Use GET or POST' });
    return;
  }
  let text = '';
  request.setEncoding('utf8');
  request.on('data', (chunk: string) => (text += chunk));
  request.on('end', () => {
    let name: unknown;
    try {
      name = (JSON.parse(text) as { name?: unknown }).name;
    } catch {
      name = undefined;
    }
    if (typeof name !== 'string' || !REPO_NAME.test(name) || name.length > 100) {
      answer(400, { message: 'Give a name of letters, digits, dots, dashes and underscores' });
      return;
    }
    if (repos.list().includes(`${name}.git`)) {
      answer(409, { message: `A repository named '${name}' already exists` });
      return;
    }
    answer(201, { name, cloneUrl: repos.create(name) });
  });
}

export async function startGitRemote(options: GitRemoteOptions = {}): Promise<GitRemote> {
  const root = options.root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sg-git-remote-'));
  fs.mkdirSync(root, { recursive: true });
  const token = options.token ?? `sg-test-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const authorizations: string[] = [];
  const refused: string[] = [];

  const listRepositories = () => fs.readdirSync(root).filter((name) => name.endsWith('.git'));
  const createRepository = (name: string): string => {
    if (!REPO_NAME.test(name)) throw new Error(`Repository name '${name}' is not allowed`);
    const dir = path.join(root, `${name}.git`);
    if (!fs.existsSync(dir)) {
      execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir], { env: gitEnv() });
    }
    return `${url}/${name}.git`;
  };
  // Assigned once listening; the handler runs only after that.
  let url = '';

  const server = http.createServer((request, response) => {
    const header = request.headers.authorization;
    if (header) authorizations.push(header);
    if (tokenOf(header) !== token) {
      refused.push(request.url ?? '/');
      response.writeHead(401, {
        'WWW-Authenticate': 'Basic realm="superset-git test remote"',
        'Content-Type': 'text/plain',
      });
      response.end('Authentication required\n');
      return;
    }
    if (request.url === '/api/repos') {
      answerRepos(request, response, { list: listRepositories, create: createRepository });
      return;
    }
    if (request.url === '/' || request.url === '/api/repositories') {
      // What the "generic" git server test reads: who we are and what is here.
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ server: 'superset-git test remote', repositories: listRepositories() }));
      return;
    }
    serveGit(root, request, response, options.pushDelayMs ?? 0);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;

  return {
    url,
    root,
    token,
    port,
    authorizations,
    refused,
    createRepository,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
