// Every command line on the machine, as `ps` and /proc show them to any user: where a secret passed in argv
// would show.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export function processList(): string {
  const ps = execFileSync('ps', ['-eo', 'args', '--no-headers'], { encoding: 'utf8' });
  const proc = fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        return '';
      }
    });
  return `${ps}\n${proc.join('\n')}`;
}
