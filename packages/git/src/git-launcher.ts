// Starts git processes from a small helper process instead of this one. Spawning forks the caller, and fork()
// copies its page tables while the event loop waits: ~5–9 ms per git process for a 200–250 MB server, 40% of
// its main thread under 50 concurrent clients. The helper (git-launcher-child.mjs) forks at a fraction of that,
// on its own core.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

interface LaunchRequest {
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: string | Buffer;
  timeoutMs: number;
  /** Hand over stderr as it comes (progress lines), not only at the end. */
  progress: boolean;
}

export interface LaunchResult {
  code: number | null;
  stdout: Buffer;
  stderr: Buffer;
  timedOut: boolean;
}

type Reply =
  | { id: number; kind: 'stderr'; chunk: Uint8Array }
  | { id: number; kind: 'error'; message: string }
  | {
      id: number;
      kind: 'exit';
      code: number | null;
      stdout: Uint8Array;
      stderr: Uint8Array;
      timedOut: boolean;
    };

interface Pending {
  resolve: (result: LaunchResult) => void;
  reject: (error: Error) => void;
  onStderr?: ((chunk: Buffer) => void) | undefined;
}

const HELPER = fileURLToPath(new URL('./git-launcher-child.mjs', import.meta.url));
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

class GitLauncher {
  private helper: ChildProcess | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  get pid(): number | null {
    return this.helper?.pid ?? null;
  }

  launch(request: LaunchRequest, onStderr?: (chunk: Buffer) => void): Promise<LaunchResult> {
    return new Promise((resolve, reject) => {
      let helper: ChildProcess;
      try {
        helper = this.running();
      } catch (error) {
        reject(error as Error);
        return;
      }
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject, onStderr });
      this.hold(true);
      helper.send({ id, ...request }, (error) => {
        if (error) this.settle(id, (entry) => entry.reject(error));
      });
    });
  }

  private running(): ChildProcess {
    if (this.helper) return this.helper;
    const helper = spawn(process.execPath, [HELPER], {
      // Nothing of this process's environment (NODE_OPTIONS, secrets): each git call brings its own.
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    helper.on('message', (reply: Reply) => this.receive(reply));
    const gone = (reason: string) => {
      if (this.helper !== helper) return;
      this.helper = null;
      for (const id of [...this.pending.keys()])
        this.settle(id, (entry) => entry.reject(new Error(`the git launcher ${reason}`)));
    };
    helper.on('error', (error) => gone(`could not run: ${error.message}`));
    helper.on('exit', (code, signal) => gone(`stopped (${signal ?? `exit code ${code}`})`));
    this.helper = helper;
    return helper;
  }

  private receive(reply: Reply): void {
    if (reply.kind === 'stderr') {
      this.pending.get(reply.id)?.onStderr?.(asBuffer(reply.chunk));
      return;
    }
    this.settle(reply.id, (entry) =>
      reply.kind === 'error'
        ? entry.reject(new Error(reply.message))
        : entry.resolve({
            code: reply.code,
            stdout: asBuffer(reply.stdout),
            stderr: asBuffer(reply.stderr),
            timedOut: reply.timedOut,
          }),
    );
  }

  private settle(id: number, action: (entry: Pending) => void): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.hold(false);
    action(entry);
  }

  /** The helper keeps this process alive only while a git call is under way, like a git child would. */
  private hold(busy: boolean): void {
    const helper = this.helper;
    if (!helper) return;
    if (busy) {
      helper.ref();
      helper.channel?.ref();
    } else {
      helper.unref();
      helper.channel?.unref();
    }
  }
}

const launcher = new GitLauncher();

/** Runs one git process through the helper; resolves when it has exited, whatever its exit code. */
export function launchGit(request: LaunchRequest, onStderr?: (chunk: Buffer) => void): Promise<LaunchResult> {
  return launcher.launch(request, onStderr);
}

/** The helper's process id while it runs (for tests and diagnostics); null before the first git call. */
export function gitLauncherPid(): number | null {
  return launcher.pid;
}
