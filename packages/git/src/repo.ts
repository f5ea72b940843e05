// A repository handle: every operation on one repository goes through its queue (reads together, writes one at
// a time), so concurrent requests never meet git's own lock files; a lock left by a crash is cleared.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GitError } from './git-error.ts';
import { runGit, type GitResult, type GitRunOptions } from './git-runner.ts';

export type Git = (args: readonly string[], options?: Omit<GitRunOptions, 'cwd'>) => Promise<GitResult>;

const PROCESS_STARTED_AT = Date.now() - process.uptime() * 1000;
const LOCK_FILES = ['index.lock', 'HEAD.lock', 'config.lock', 'ORIG_HEAD.lock', 'MERGE_HEAD.lock'];
/** Replaced at the start and end of every write (`Repo.writeStamp`). */
const WRITE_STAMP = 'superset-git-write-stamp';

interface RepoOptions {
  /** A lock file older than this is left over from a crash; younger ones are waited for. */
  staleLockMs?: number;
  /** How long to wait for another git process (outside superset-git) to finish. */
  lockWaitMs?: number;
  logger?: { warn(message: string): void };
}

/**
 * Wraps every write to a repository (`write`), and every turn at its remote (`remote`: a push), inside this
 * process's own one-at-a-time queues: e.g. a lock held across the servers that share the repositories' folder, so
 * two processes never write to one repository, or push it, at once. The two kinds are held apart (a push writes
 * inside its remote turn).
 */
export type WriteGuard = <T>(
  repoPath: string,
  kind: 'write' | 'remote',
  work: () => Promise<T>,
) => Promise<T>;

interface Pending {
  kind: 'read' | 'write';
  start: () => void;
}

export class Repo {
  private readonly pending: Pending[] = [];
  private readers = 0;
  private writing = false;
  private remoteTail: Promise<unknown> = Promise.resolve();
  private guard: WriteGuard | null = null;

  constructor(
    readonly path: string,
    private readonly options: RepoOptions = {},
  ) {}

  /** Runs read-only work; reads share the repository with each other but never with a write. */
  read<T>(work: (git: Git) => Promise<T>): Promise<T> {
    return this.enqueue('read', () =>
      work((args, options) =>
        runGit(args, { ...options, cwd: this.path, env: { GIT_OPTIONAL_LOCKS: '0', ...options?.env } }),
      ),
    );
  }

  /** Runs every later write and remote turn inside `guard` (see WriteGuard). */
  guardWrites(guard: WriteGuard): this {
    this.guard = guard;
    return this;
  }

  /** Runs work that changes the repository, alone (and inside the write guard, when there is one). */
  write<T>(work: (git: Git) => Promise<T>): Promise<T> {
    return this.enqueue('write', () => {
      const alone = async () => {
        this.stampWrite();
        try {
          await this.clearStaleLocks();
          return await work((args, options) => runGit(args, { ...options, cwd: this.path }));
        } finally {
          this.stampWrite();
        }
      };
      return this.guard ? this.guard(this.path, 'write', alone) : alone();
    });
  }

  /**
   * Runs work that talks to the remote and writes here only through `read`/`write` of its own (a push), one at a
   * time for this repository but beside the read/write queue: a status or a commit does not wait for the network,
   * and two pushes never race each other to the remote's branch.
   */
  remoteTurn<T>(work: () => Promise<T>): Promise<T> {
    const turn = () => (this.guard ? this.guard(this.path, 'remote', work) : work());
    const run = this.remoteTail.then(turn, turn);
    this.remoteTail = run.catch(() => undefined);
    return run;
  }

  /**
   * Changes whenever a write begins or ends, in this process or in another sharing the folder (a file in `.git`
   * replaced at each): a value read from the repository, kept with the stamp it was read under, still holds while
   * the stamp is the same. One small read; "none" before the first write.
   */
  writeStamp(): string {
    try {
      return fs.readFileSync(path.join(this.gitDir, WRITE_STAMP), 'utf8');
    } catch {
      return 'none';
    }
  }

  /** Replaces the stamp file with a new random token: file times can be too coarse to tell two writes apart. */
  private stampWrite(): void {
    const file = path.join(this.gitDir, WRITE_STAMP);
    const aside = `${file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(aside, crypto.randomUUID());
      fs.renameSync(aside, file);
    } catch {
      // No .git yet (a write that makes it): nothing can have been read under a stamp.
    }
  }

  /** The `.git` folder; `git rev-parse --git-dir` would cost a process for a fixed answer. */
  get gitDir(): string {
    return path.join(this.path, '.git');
  }

  private enqueue<T>(kind: 'read' | 'write', run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({
        kind,
        start: () => {
          run()
            .then(resolve, reject)
            .finally(() => {
              if (kind === 'write') this.writing = false;
              else this.readers -= 1;
              this.pump();
            });
        },
      });
      this.pump();
    });
  }

  private pump(): void {
    // First come, first served: a waiting write holds back later reads so it cannot starve.
    while (this.pending.length > 0 && !this.writing) {
      const next = this.pending[0]!;
      if (next.kind === 'write' && this.readers > 0) return;
      this.pending.shift();
      if (next.kind === 'write') this.writing = true;
      else this.readers += 1;
      next.start();
    }
  }

  private async clearStaleLocks(): Promise<void> {
    const staleMs = this.options.staleLockMs ?? 60_000;
    const waitUntil = Date.now() + (this.options.lockWaitMs ?? 3_000);
    for (const name of LOCK_FILES) {
      const lock = path.join(this.gitDir, name);
      for (;;) {
        let stat: fs.Stats;
        try {
          stat = fs.statSync(lock);
        } catch {
          break; // no lock
        }
        // No write of ours is running (we hold the write slot), so a lock from before this process started, or
        // an old one, belongs to a git process that died.
        if (leftByCrash(stat) || Date.now() - stat.mtimeMs > staleMs) {
          fs.rmSync(lock, { force: true });
          this.options.logger?.warn(`removed stale ${name} left by an interrupted git process`);
          break;
        }
        if (Date.now() > waitUntil) {
          throw new GitError(
            'GIT_LOCKED',
            `Another git process is working in this repository (${name} exists); try again in a moment.`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
}

/** A lock file made before this process started: its git process died with the previous run (a crash). */
const leftByCrash = (stat: fs.Stats) => stat.mtimeMs < PROCESS_STARTED_AT;

/** The names of the lock files a crash left in the repository at `dir` (those older than this process). */
export function locksLeftByCrash(dir: string): string[] {
  return LOCK_FILES.filter((name) => {
    const stat = fs.statSync(path.join(dir, '.git', name), { throwIfNoEntry: false });
    return stat !== undefined && leftByCrash(stat);
  });
}

/**
 * Removes the lock files a crash left in the repository at `dir` (those older than this process), so neither
 * superset-git nor a person running git there meets them; answers the names removed. Called at start, before
 * any git process of this run.
 */
export function clearLocksLeftByCrash(dir: string): string[] {
  const removed = locksLeftByCrash(dir);
  for (const name of removed) fs.rmSync(path.join(dir, '.git', name), { force: true });
  return removed;
}

const repos = new Map<string, Repo>();

/** The one handle (and so the one queue) for the repository at `dir`. */
export function openRepo(dir: string, options?: RepoOptions): Repo {
  const key = path.resolve(dir);
  let repo = repos.get(key);
  if (!repo) {
    repo = new Repo(key, options);
    repos.set(key, repo);
  }
  return repo;
}
