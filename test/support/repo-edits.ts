// Edits of a dashboard's repository as a colleague would push them: commits on a new branch made in a clone, so the
// server's work tree is untouched.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleYaml, parseBundleYaml } from '@superset-git/superset';
import { tempDir } from '../git/git-fixtures.ts';

/** A file's new text, null to leave it, false to delete it; `all` holds every file's text before the edit. */
export type FileEdit = (
  file: string,
  text: string,
  all: ReadonlyMap<string, string>,
) => string | null | false;

/** Commits `edit` applied to every YAML file of `from` (default main) as a new branch of the repository. */
export function commitOnBranch(repoDir: string, branch: string, edit: FileEdit, from = 'main'): void {
  const clone = tempDir('sg-branch-');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: clone });
  git('clone', '-q', repoDir, '.');
  git('switch', '-q', '-c', branch, `origin/${from}`);
  const files = execFileSync('git', ['ls-files'], { cwd: clone, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file.endsWith('.yaml'));
  const all = new Map(files.map((file) => [file, fs.readFileSync(path.join(clone, file), 'utf8')]));
  for (const [file, text] of all) {
    const next = edit(file, text, all);
    if (next === false) git('rm', '-q', file);
    else if (next !== null) fs.writeFileSync(path.join(clone, file), next);
  }
  git('commit', '-q', '-am', `Edited for a test: ${branch}`);
  git('push', '-q', 'origin', branch);
  fs.rmSync(clone, { recursive: true, force: true });
}

/** dashboard.yaml without the layout node of one chart (the chart is no longer placed on the dashboard). */
export function withoutChart(dashboardText: string, chartUuid: string): string {
  const dashboard = parseBundleYaml(dashboardText, 'dashboard.yaml');
  const position = dashboard.position as Record<string, { children?: string[]; meta?: { uuid?: string } }>;
  const node = Object.entries(position).find(([, value]) => value.meta?.uuid === chartUuid)?.[0];
  if (!node) throw new Error(`chart ${chartUuid} is not in the layout`);
  delete position[node];
  for (const value of Object.values(position))
    if (value.children) value.children = value.children.filter((child) => child !== node);
  return bundleYaml(dashboard);
}

const uuidOf = (text: string) => text.match(/^uuid: '?([0-9a-f-]+)'?$/m)?.[1] ?? null;

/** Commits a branch without one chart: its file is deleted and its layout node removed. Answers the chart's uuid. */
export function commitWithoutChart(
  repoDir: string,
  branch: string,
  chartName: string,
  from = 'main',
): string {
  let dropped: string | null = null;
  commitOnBranch(
    repoDir,
    branch,
    (file, text, all) => {
      const chart = [...all].find(
        ([path, content]) => path.startsWith('charts/') && content.includes(`\nslice_name: ${chartName}\n`),
      );
      if (!chart) throw new Error(`no chart '${chartName}' in the repository`);
      dropped = uuidOf(chart[1]);
      if (file === chart[0]) return false;
      return file === 'dashboard.yaml' ? withoutChart(text, dropped!) : null;
    },
    from,
  );
  return dropped!;
}
