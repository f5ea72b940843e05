// Generates the benchmark repository with `git fast-import`: 10,000 commits touching 200 YAML files, and a
// second branch that differs from main in 100 of them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export const FILES = 200;
export const COMMITS = 10_000;
const WORDS = ['tweak', 'adjust', 'update', 'refine', 'rename', 'resize', 'recolor', 'reorder'];

const fileName = (index: number) => `charts/chart_${String(index).padStart(3, '0')}.yaml`;

function yaml(index: number, version: number): string {
  return [
    `slice_name: Chart ${index}`,
    'viz_type: echarts_timeseries_bar',
    `version: ${version}`,
    'params:',
    `  row_limit: ${1000 + version}`,
    `  color_scheme: scheme_${version % 7}`,
    `uuid: 00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    '',
  ].join('\n');
}

function blob(stream: string[], text: string): void {
  stream.push(`data ${Buffer.byteLength(text)}\n${text}\n`);
}

export function generateHistoryRepo(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir], { env });
  const stream: string[] = [];
  let time = 1_700_000_000;
  const commitHeader = (ref: string, mark: number, message: string, author: string) => {
    time += 60;
    stream.push(`commit ${ref}\nmark :${mark}\n`);
    stream.push(`author ${author} <${author.toLowerCase().replace(' ', '.')}@example.com> ${time} +0000\n`);
    stream.push(
      `committer ${author} <${author.toLowerCase().replace(' ', '.')}@example.com> ${time} +0000\n`,
    );
    blob(stream, message);
  };
  commitHeader('refs/heads/main', 1, 'Export all charts\n', 'Alice Analyst');
  for (let file = 0; file < FILES; file += 1) {
    stream.push(`M 100644 inline ${fileName(file)}\n`);
    blob(stream, yaml(file, 0));
  }
  for (let index = 2; index <= COMMITS; index += 1) {
    const file = (index * 37) % FILES;
    // One commit in a hundred is a hotfix: the message search looks for those.
    const subject =
      index % 100 === 0
        ? `Hotfix revenue totals in chart ${file}`
        : `${WORDS[index % WORDS.length]} chart ${file}`;
    commitHeader('refs/heads/main', index, `${subject}\n`, index % 3 === 0 ? 'Bob Builder' : 'Alice Analyst');
    stream.push(`from :${index - 1}\n`);
    stream.push(`M 100644 inline ${fileName(file)}\n`);
    blob(stream, yaml(file, index));
    if (index % 5 === 0) {
      const other = (file + 101) % FILES;
      stream.push(`M 100644 inline ${fileName(other)}\n`);
      blob(stream, yaml(other, index));
    }
  }
  commitHeader('refs/heads/feature', COMMITS + 1, 'Restyle half of the charts\n', 'Bob Builder');
  stream.push(`from :${COMMITS}\n`);
  for (let file = 0; file < FILES; file += 2) {
    stream.push(`M 100644 inline ${fileName(file)}\n`);
    blob(stream, yaml(file, COMMITS + 1));
  }
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd: dir,
    input: stream.join(''),
    env,
    maxBuffer: 1 << 30,
  });
  execFileSync('git', ['checkout', '--quiet', '--force', 'main'], { cwd: dir, env });
}

export { fileName };
