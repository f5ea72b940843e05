// The standalone CLI, as a pipeline runs it with no server: export from the real dev Superset into a folder,
// deploy the folder into the real prod Superset (plan, dry run, import, snapshot and going back), and the exit
// codes a pipeline branches on.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupersetClient } from '@superset-git/superset';
import { supersetDev, supersetProd, type SupersetInfo } from '../superset-instances.ts';
import { clientFor, dashboardId, exportNormalized } from '../support/superset-admin.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';
import { tempDir } from '../git/git-fixtures.ts';
import { runCli } from './cli-run.ts';

let dev: SupersetInfo;
let prod: SupersetInfo;
let prodClient: SupersetClient;
let work: string;
const secret = { SUPERSET_PASSWORD: '' };
const target = () => ['--url', prod.url, '--user', prod.username];
const exportFrom = (out: string, ...dashboards: string[]) => [
  'export',
  '--url',
  dev.url,
  '--user',
  dev.username,
  ...dashboards.flatMap((dashboard) => ['--dashboard', dashboard]),
  '--out',
  out,
];

const chartFile = (dir: string) =>
  fs.readdirSync(path.join(dir, 'charts')).find((file) => file.startsWith('amount-histogram'))!;

async function prodChartName(uuid: string): Promise<string | undefined> {
  const tree = await exportNormalized(prodClient, await dashboardId(prodClient, uuid));
  const file = [...tree].find(([name]) => name.startsWith('charts/amount-histogram'));
  return file?.[1].match(/^slice_name: (.*)$/m)?.[1];
}

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  dev = supersetDev();
  prod = supersetProd();
  prodClient = clientFor(prod);
  secret.SUPERSET_PASSWORD = dev.password;
  work = tempDir('sg-cli-');
}, 300_000);
afterAll(async () => {
  await prodClient?.close();
  releaseLock?.();
});

describe('superset-git export and deploy DIR (standalone, real dev and prod Superset)', () => {
  it('exports a dashboard by slug as normalized YAML, and a second export changes no file', async () => {
    const out = path.join(work, 'sales');
    const args = exportFrom(out, 'sales-overview');
    const first = await runCli(args, secret);
    expect(first.stderr).toContain("Exported 'sales-overview'");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Wrote \d+ and removed 0 of \d+ files/);
    expect(fs.readFileSync(path.join(out, 'dashboard.yaml'), 'utf8')).toMatch(
      /^dashboard_title: Sales Overview$/m,
    );
    expect(fs.readdirSync(path.join(out, 'charts')).length).toBeGreaterThan(3);
    // Piped output has no colour codes.
    expect(first.stdout + first.stderr).not.toContain('\u001b[');

    const again = await runCli([...args, '--json'], secret);
    expect(again.code).toBe(0);
    const result = JSON.parse(again.stdout) as {
      written: string[];
      removed: string[];
      dashboardUuid: string;
    };
    expect(result).toMatchObject({ written: [], removed: [] });
    expect(result.dashboardUuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exports several dashboards at once, each into its own folder', async () => {
    const out = path.join(work, 'several');
    const run = await runCli([...exportFrom(out, 'customers', 'web-traffic'), '--json'], secret);
    expect(run.code, run.stderr).toBe(0);
    const { dashboards } = JSON.parse(run.stdout) as { dashboards: { ref: string; dir: string }[] };
    expect(dashboards.map((item) => item.ref)).toEqual(['customers', 'web-traffic']);
    expect(fs.readFileSync(path.join(out, 'customers', 'dashboard.yaml'), 'utf8')).toMatch(
      /^slug: customers$/m,
    );
    expect(fs.readFileSync(path.join(out, 'web-traffic', 'dashboard.yaml'), 'utf8')).toMatch(
      /^slug: web-traffic$/m,
    );
  });

  it('deploys the folder, shows a one-chart edit in a dry run without importing it, then imports it and goes back with the kept snapshot', async () => {
    const dir = path.join(work, 'sales');
    const uuid = fs.readFileSync(path.join(dir, 'dashboard.yaml'), 'utf8').match(/^uuid: (.*)$/m)![1]!;
    // Whatever prod had, it now has the dashboard as dev exported it.
    const base = await runCli(['deploy', dir, ...target(), '-q'], secret);
    expect(base.code, base.stderr).toBe(0);

    const file = path.join(dir, 'charts', chartFile(dir));
    const original = fs.readFileSync(file, 'utf8').match(/^slice_name: (.*)$/m)![1]!;
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace(/^slice_name: .*$/m, 'slice_name: Amount histogram (pipeline)'),
    );
    const dry = await runCli(['deploy', dir, ...target(), '--dry-run'], secret);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/update\s+chart\s+Amount histogram \(pipeline\)/);
    expect(dry.stdout).toContain('0 to create, 1 to update');
    expect(await prodChartName(uuid)).toBe(original);

    const snapshot = path.join(work, 'before.zip');
    const real = await runCli(['deploy', dir, ...target(), '--snapshot-out', snapshot, '--json'], secret);
    expect(real.code, real.stderr).toBe(0);
    expect(JSON.parse(real.stdout)).toMatchObject({ deployed: true, snapshot, summary: { update: 1 } });
    expect(real.stderr).toContain('Kept a snapshot');
    expect(await prodChartName(uuid)).toBe('Amount histogram (pipeline)');

    const back = await runCli(['deploy', snapshot, ...target()], secret);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/update\s+chart\s+Amount histogram/);
    expect(await prodChartName(uuid)).toBe(original);
  });

  it('stops with exit 3 and imports nothing when the plan has a problem (another dashboard holds the slug)', async () => {
    const copy = path.join(work, 'impostor');
    fs.cpSync(path.join(work, 'sales'), copy, { recursive: true });
    const otherUuid = '0badc0de-0000-4000-8000-000000000001';
    const dashboard = path.join(copy, 'dashboard.yaml');
    fs.writeFileSync(
      dashboard,
      fs.readFileSync(dashboard, 'utf8').replace(/^uuid: .*$/m, `uuid: ${otherUuid}`),
    );
    const run = await runCli(['deploy', copy, ...target()], secret);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("The target already has another dashboard with slug 'sales-overview'");
    const found = await prodClient
      .call({ path: `/api/v1/dashboard/${otherUuid}`, action: 'look' })
      .then(() => true)
      .catch(() => false);
    expect(found).toBe(false);
  });

  it('answers a wrong Superset password with exit 4, never echoing it, and a usage mistake with exit 2', async () => {
    const wrong = await runCli(exportFrom(path.join(work, 'x'), 'sales-overview'), {
      SUPERSET_PASSWORD: 'not-the-password-42',
    });
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toMatch(/Wrong username or password/);
    expect(wrong.stderr + wrong.stdout).not.toContain('not-the-password-42');

    const unknown = await runCli(['export', '--dashbord', 'x'], secret);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--dashbord'[\s\S]*superset-git export --help/);
    const missing = await runCli(['export', '--url', dev.url, '--user', 'admin', '--dashboard', 'x'], secret);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--out is required');
    // Several dashboards each get a folder named as given: one that would climb out is refused.
    const climbing = await runCli(exportFrom(path.join(work, 'y'), 'customers', '..'), secret);
    expect(climbing.code).toBe(2);
    expect(climbing.stderr).toContain("--dashboard '..' is not a uuid, slug or id.");
    const noSecret = await runCli([
      'deploy',
      path.join(work, 'sales'),
      ...target(),
      '--password-env',
      'NOT_SET_ANYWHERE',
    ]);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('NOT_SET_ANYWHERE');
  });
});
