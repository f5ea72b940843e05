// Runs a command without blocking the event loop (several Superset releases install and migrate at once), and on
// failure says what was being done with the last lines the command printed.
import { execFile, type ExecFileOptions } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function runCommand(
  file: string,
  args: string[],
  what: string,
  options: ExecFileOptions = {},
): Promise<void> {
  try {
    await run(file, args, { maxBuffer: 256 * 1024 * 1024, ...options });
  } catch (error) {
    const printed = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`${what} failed:\n${printed.split('\n').slice(-20).join('\n')}`);
  }
}
