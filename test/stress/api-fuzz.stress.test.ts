// The whole API fuzzed from its own OpenAPI document by schemathesis, against the server in its own process
// with an admin API token: no 5xx, no status, content type or body the operation does not declare. The server
// gets real things for ids to point at: both test Superset instances (behind a read-only proxy) and a git server.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSchemathesis, startGitRemote, type GitRemote } from '@superset-git/harness';
import { readOnlySuperset, type ReadOnlySuperset } from '../support/read-only-superset.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { supersetDev, supersetProd } from '../superset-instances.ts';
import { addEnvironment, addGitServer } from './stress-fixtures.ts';

/** Cases per operation and phase: enough to reach every operation's handler, bounded for 2 cores. */
const MAX_EXAMPLES = 25;
/** A hard stop for the fuzzer, well inside the test's own timeout. */
const FUZZ_DEADLINE_MS = 200_000;
/** `SG_FUZZ_SEED=<seed printed by a failed run>` replays that run's generated data. */
const SEED = process.env.SG_FUZZ_SEED;

interface RunReport {
  operations: { selected: number; tested: number };
  test_cases: { generated: number };
}

interface Interaction {
  request: { uri: string };
  response?: { status_code: number } | null;
}

/** Requests schemathesis sent (one interaction each, in its NDJSON event log), and those refused as not logged in. */
function requestsSent(ndjsonFile: string): { requests: number; unauthorized: number } {
  let requests = 0;
  let unauthorized = 0;
  if (!fs.existsSync(ndjsonFile)) return { requests, unauthorized };
  for (const line of fs.readFileSync(ndjsonFile, 'utf8').split('\n')) {
    if (!line.startsWith('{"ScenarioFinished"')) continue;
    const event = JSON.parse(line) as {
      ScenarioFinished: { recorder: { interactions?: Record<string, Interaction> | null } };
    };
    // Skipped scenarios (e.g. no examples in the document) record none.
    for (const { request, response } of Object.values(event.ScenarioFinished.recorder.interactions ?? {})) {
      requests += 1;
      // A wrong password at login is a 401 by design; anywhere else it means the token was not sent.
      if (response?.status_code === 401 && !request.uri.endsWith('/api/auth/login')) unauthorized += 1;
    }
  }
  return { requests, unauthorized };
}

function run(bin: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = setTimeout(() => child.kill('SIGTERM'), FUZZ_DEADLINE_MS);
    child.on('close', (code) => {
      clearTimeout(deadline);
      resolve({ code, output });
    });
  });
}

describe('the API under schemathesis', () => {
  let server: ServerProcess;
  let remote: GitRemote;
  let proxies: ReadOnlySuperset[] = [];
  let workDir: string;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-fuzz-'));
    server = await startServerProcess();
    remote = await startGitRemote();
    // The Superset instances are shared with other tests. The fuzzer reaches import, pull, checkout, restore,
    // deploy and rollback with real dashboards (it learns their uuids from the hub and sync-all connects them),
    // and deploy settings can rename a dashboard or its datasets' schema on the way. Rather than leave those
    // operations out, every write to Superset goes through a proxy that refuses it with the 403 of a user
    // without the permission (which the server must handle as well as any other answer): reads, exports and
    // deploy plans run for real, nothing on the instances changes.
    const instances = [
      ['test-dev', supersetDev()],
      ['test-prod', supersetProd()],
    ] as const;
    proxies = await Promise.all(instances.map(([, info]) => readOnlySuperset(info.url)));
    for (const [index, [name, info]] of instances.entries()) {
      await addEnvironment(server, name, info, proxies[index]!.url);
    }
    await addGitServer(server, remote);
  });

  afterAll(async () => {
    await server?.stop();
    await remote?.stop();
    await Promise.all(proxies.map((proxy) => proxy.close()));
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('answers every generated request without a server error, and only as its OpenAPI document says', async () => {
    const bin = ensureSchemathesis();
    const { token } = await server.api.POST('/api/auth/tokens', { body: { name: 'schemathesis' } });
    // The fuzzer revoking its own token would turn the rest of the run into 401s: it revokes this spare one.
    const spare = await server.api.POST('/api/auth/tokens', { body: { name: 'spare' } });
    // The token goes in the config file, not on the command line where `ps` shows it.
    const config = path.join(workDir, 'schemathesis.toml');
    fs.writeFileSync(
      config,
      [
        `headers = { Authorization = "Bearer ${token}" }`,
        '[[operations]]',
        'include-name = "DELETE /api/auth/tokens/{id}"',
        `parameters = { "path.id" = ${spare.id} }`,
      ].join('\n'),
    );
    const reports = path.join(workDir, 'reports');
    const started = performance.now();
    const { code, output } = await run(
      bin,
      [
        '--config-file',
        config,
        'run',
        `${server.url}/api/openapi.json`,
        '--checks',
        'not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance',
        '--max-examples',
        String(MAX_EXAMPLES),
        // One worker: with two, hypothesis describes its strategies from two threads at once and CPython 3.11's
        // ast module fails ("AST constructor recursion depth mismatch"), a tool error that is no finding.
        '--workers',
        '1',
        '--request-timeout',
        '20',
        '--no-color',
        '--report',
        'json,ndjson',
        '--report-dir',
        reports,
        '--report-json-path',
        path.join(reports, 'run.json'),
        '--report-ndjson-path',
        path.join(reports, 'events.ndjson'),
        ...(SEED ? ['--seed', SEED] : []),
      ],
      workDir,
    );
    const seconds = (performance.now() - started) / 1000;
    const reportFile = path.join(reports, 'run.json');
    const sent = requestsSent(path.join(reports, 'events.ndjson'));
    if (fs.existsSync(reportFile)) {
      const text = fs.readFileSync(reportFile, 'utf8');
      const { operations, test_cases } = JSON.parse(text) as RunReport;
      // The seed is a 128-bit integer: read as text, since a JSON number would round it.
      const seed = /"seed": (\d+)/.exec(text)?.[1];
      const refused = proxies.reduce((sum, proxy) => sum + proxy.refused.length, 0);
      process.stdout.write(
        `[api-fuzz] ${operations.tested}/${operations.selected} operations tested, ${test_cases.generated} test cases, ${sent.requests} requests in ${seconds.toFixed(0)} s (seed ${seed}; ${refused} writes to Superset refused by the proxy)\n`,
      );
    }
    // What the server logged as unexpected (with its stack), to read beside a 5xx; it must be nothing anyway.
    const unexpected = fs
      .readFileSync(server.logFile, 'utf8')
      .split('\n')
      .filter((line) => /"level":(50|60)/.test(line))
      .slice(0, 5)
      .join('\n');
    const problems = ['= ERRORS =', '= FAILURES =']
      .map((title) => output.indexOf(title))
      .filter((at) => at >= 0);
    const failures = output.slice(problems.length ? Math.min(...problems) : -30_000).slice(0, 30_000);
    expect(
      code,
      `schemathesis found problems (exit ${code}):\n${failures}\n\nServer log:\n${unexpected}`,
    ).toBe(0);
    expect(unexpected, 'the server logged unexpected errors').toBe('');
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as RunReport;
    expect(report.operations.tested, 'operations schemathesis could not test').toBe(
      report.operations.selected,
    );
  });
});
