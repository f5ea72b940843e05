// The small process the git runner starts git from (see git-launcher.ts). Plain JavaScript, so it stays a few
// tens of MB: fork() copies the page tables of the process that calls it, and this one's are small.
import { spawn } from 'node:child_process';

const send = (message) => {
  if (process.connected) process.send(message);
};

// The server went away (stopped or killed): nothing is left to answer to.
process.on('disconnect', () => process.exit(0));

process.on('message', (request) => {
  const { id } = request;
  let done = false;
  let timedOut = false;
  let timer;
  let child;
  const finish = (message) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    send(message);
  };
  try {
    child = spawn('git', request.args, {
      cwd: request.cwd,
      env: request.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    finish({ id, kind: 'error', message: error.message });
    return;
  }
  timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, request.timeoutMs);
  const out = [];
  const err = [];
  child.stdout.on('data', (chunk) => out.push(chunk));
  child.stderr.on('data', (chunk) => {
    err.push(chunk);
    if (request.progress) send({ id, kind: 'stderr', chunk });
  });
  child.on('error', (error) => finish({ id, kind: 'error', message: error.message }));
  child.on('close', (code) =>
    finish({ id, kind: 'exit', code, stdout: Buffer.concat(out), stderr: Buffer.concat(err), timedOut }),
  );
  child.stdin.on('error', () => {
    // git may exit before reading all of stdin; its exit code tells what happened.
  });
  child.stdin.end(request.stdin ?? '');
});
