// `superset-git`: the command line for people and pipelines. Finds the command (one or two words), parses its
// options strictly, runs it, and exits with its code: 0 ok, 1 failed, 2 usage, 3 plan has problems, 4 auth.
import { VERSION } from '@superset-git/server';
import { asCliError, EXIT, UsageError } from './cli-errors.ts';
import { colourFor } from './cli-output.ts';
import { parseCommand, type Command } from './command.ts';
import { deployCommand } from './commands/deploy.ts';
import { exportCommand } from './commands/export.ts';
import { serveCommand } from './commands/serve.ts';
import {
  commitCommand,
  pullCommand,
  pushCommand,
  statusCommand,
  syncCommand,
} from './remote/dashboard-commands.ts';
import { deploymentsCommand, rollbackCommand } from './remote/deploy-commands.ts';
import { dashList, envList, envTest } from './remote/environment-commands.ts';

const COMMANDS: Command[] = [
  exportCommand,
  deployCommand,
  envList,
  envTest,
  dashList,
  statusCommand,
  syncCommand,
  commitCommand,
  pushCommand,
  pullCommand,
  deploymentsCommand,
  rollbackCommand,
  serveCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `Usage: superset-git <command> [options]

Standalone, for pipelines (no server): export, deploy DIR
Through a superset-git server (SUPERSET_GIT_SERVER, SUPERSET_GIT_TOKEN): the others

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Options:
  -h, --help     Show help (also after a command: superset-git export --help)
  -v, --version  Show the version
`;
}

/** Option lines (`  --flag VALUE   what it does`) aligned on one column, wherever their text came from. */
function aligned(help: string): string {
  const pattern = /^ {2}(\S.*?) {2,}(\S.*)$/;
  const lines = help.split('\n');
  const width = Math.max(0, ...lines.map((line) => pattern.exec(line)?.[1]!.length ?? 0));
  return lines
    .map((line) => {
      const match = pattern.exec(line);
      return match ? `  ${match[1]!.padEnd(width)}  ${match[2]}` : line;
    })
    .join('\n');
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  const two = argv.slice(0, 2).join(' ');
  const byTwo = COMMANDS.find((command) => command.name === two);
  if (byTwo) return { command: byTwo, rest: argv.slice(2) };
  const byOne = COMMANDS.find((command) => command.name === argv[0]);
  return byOne ? { command: byOne, rest: argv.slice(1) } : null;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === '-v' || argv[0] === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') {
    process.stdout.write(usage());
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const found = findCommand(argv);
  if (!found) {
    const group = COMMANDS.filter((command) => command.name.startsWith(`${argv[0]} `));
    throw new UsageError(
      group.length > 0
        ? `'${argv[0]}' needs one of: ${group.map((command) => command.name.split(' ')[1]).join(', ')}.`
        : `Unknown command '${argv[0]}'. Run 'superset-git --help' for the list.`,
    );
  }
  const context = parseCommand(found.command, found.rest);
  if (context === 'help') {
    process.stdout.write(`${found.command.summary}.\n\n${aligned(found.command.help)}\n`);
    return EXIT.ok;
  }
  return found.command.run(context);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (caught) {
  const error = asCliError(caught);
  process.stderr.write(`${colourFor(process.stderr).red(`superset-git: ${error.message}`)}\n`);
  process.exitCode = error.exitCode;
}
