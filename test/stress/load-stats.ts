// What the concurrent-load test measures: each request's kind, time and answer, the CPU the server and its git
// processes used, and the one-line summary it prints.
import fs from 'node:fs';
import { percentile } from '../../bench/bench-stats.ts';

export interface Sample {
  kind: string;
  ms: number;
  status: number;
}

const ms = (value: number) => `${Math.round(value)}`;

/** `812× p50/p95/max 40/310/900 ms` */
export function spread(values: number[]): string {
  const max = values.reduce((top, value) => Math.max(top, value), 0);
  return `${values.length}× p50/p95/max ${ms(percentile(values, 0.5))}/${ms(percentile(values, 0.95))}/${ms(max)} ms`;
}

/** `status 812× p50/p95/max 40/310/900 ms`, one part per kind, busiest first. */
export function latencyByKind(samples: readonly Sample[]): string {
  const kinds = new Map<string, number[]>();
  for (const sample of samples) {
    const list = kinds.get(sample.kind) ?? [];
    list.push(sample.ms);
    kinds.set(sample.kind, list);
  }
  return [...kinds.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([kind, values]) => `${kind} ${spread(values)}`)
    .join('; ');
}

/** CPU seconds of a process and of its children that ended: /proc/<pid>/stat, in 1/100 s. */
function cpuSeconds(pid: number): { own: number; children: number } {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').map(Number);
  // After the name: state is field 3, so utime, stime, cutime, cstime (14–17) sit at 11–14.
  return { own: (fields[11]! + fields[12]!) / 100, children: (fields[13]! + fields[14]!) / 100 };
}

/** The server's main process, and the helper it starts git from (with the git processes that helper ended). */
export function serverCpu(pid: number): { server: number; launcher: number; git: number } {
  const main = cpuSeconds(pid);
  const helpers = fs
    .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .split(' ')
    .filter(Boolean)
    .map((child) => {
      try {
        return cpuSeconds(Number(child));
      } catch {
        return { own: 0, children: 0 }; // ended meanwhile
      }
    });
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    server: main.own,
    launcher: sum(helpers.map((helper) => helper.own)),
    git: main.children + sum(helpers.map((helper) => helper.children)),
  };
}
