// `superset-git`: the command line for people and pipelines. Finds the command (one or two words), parses its
// options strictly, runs it, and exits with its code: 0 ok, 1 failed, 2 usage, 3 plan has problems, 4 auth.
import { VERSION } from '@superset-git/contracts';
import { asCliError, EXIT, UsageError } from './cli-errors.ts';
import { colourFor } from './cli-output.ts';
import { parseCommand, type Command } from './command.ts';

interface Entry {
  name: string;
  summary: string;
  /** Loaded only when run: `--version`, `--help` and each command pay only for what they use. */
  load(): Promise<Command>;
}

/** One table of every command: its name, its summary, and the module and export that hold it. */
const MODULES = {
  export: () => import('./commands/export.ts'),
  deploy: () => import('./commands/deploy.ts'),
  environments: () => import('./remote/environment-commands.ts'),
  dashboards: () => import('./remote/dashboard-commands.ts'),
  deploys: () => import('./remote/deploy-commands.ts'),
  drift: () => import('./remote/drift-commands.ts'),
  driftActions: () => import('./remote/drift-action-commands.ts'),
  driftCheck: () => import('./remote/drift-check-command.ts'),
  tags: () => import('./remote/tag-commands.ts'),
  recover: () => import('./remote/recover-commands.ts'),
  merges: () => import('./remote/merge-commands.ts'),
  remotes: () => import('./remote/remote-commands.ts'),
  pulls: () => import('./remote/pull-request-commands.ts'),
  serve: () => import('./commands/serve.ts'),
  mergeDriver: () => import('./commands/merge-driver.ts'),
};

const COMMANDS: Entry[] = (
  [
    [
      'export',
      'Export dashboards from Superset as normalized YAML into a folder (no server needed)',
      'export',
      'exportCommand',
    ],
    [
      'deploy',
      'Plan and deploy a dashboard, through the server or from a folder straight into a Superset',
      'deploy',
      'deployCommand',
    ],
    ['env list', 'List the Superset environments and their last connection test', 'environments', 'envList'],
    ['env test', 'Test the connection to one environment', 'environments', 'envTest'],
    ['dash list', 'List an environment’s dashboards with their git status', 'environments', 'dashList'],
    [
      'status',
      'Branch, ahead/behind and the changed objects of a dashboard’s repository',
      'dashboards',
      'statusCommand',
    ],
    [
      'sync',
      'Export the dashboard from Superset into its repository as normalized YAML',
      'dashboards',
      'syncCommand',
    ],
    [
      'commit',
      'Commit the dashboard’s changes (all, or the files given with --path)',
      'dashboards',
      'commitCommand',
    ],
    ['push', 'Push the current branch to the dashboard’s remote', 'dashboards', 'pushCommand'],
    ['pull', 'Pull the current branch and import what changed into Superset', 'dashboards', 'pullCommand'],
    [
      'merge',
      'Merge a branch into the dashboard’s current branch; Superset follows',
      'merges',
      'mergeCommand',
    ],
    ['compare', 'Commits and objects (by name) that differ between two branches', 'merges', 'compareCommand'],
    ['tag list', 'Tags (releases) of a dashboard’s repository, newest first', 'tags', 'tagList'],
    ['tag create', 'Tag the current commit (or --ref), annotated with -m', 'tags', 'tagCreate'],
    ['tag push', 'Push a tag to the dashboard’s git server', 'tags', 'tagPush'],
    ['tag delete', 'Delete a tag, and on the git server with --remote', 'tags', 'tagDelete'],
    [
      'recover list',
      'Safety branches and deleted branches, with the objects each holds',
      'recover',
      'recoverList',
    ],
    [
      'recover apply',
      'Bring a safety branch’s edits back onto the current branch',
      'recover',
      'recoverApply',
    ],
    ['recover delete', 'Delete a safety branch (it can still be restored)', 'recover', 'recoverDelete'],
    ['recover restore', 'Bring a deleted branch back with its commits', 'recover', 'recoverRestore'],
    [
      'remote set',
      'Attach or change the git remote of a dashboard’s repository (--create makes it)',
      'remotes',
      'remoteSet',
    ],
    [
      'remote remove',
      'Detach a dashboard’s repository from its remote; local history kept',
      'remotes',
      'remoteRemove',
    ],
    [
      'pr create',
      'Open a pull/merge request from a branch on GitHub, GitLab or Gitea; prints its URL',
      'pulls',
      'prCreate',
    ],
    ['pr list', 'Pull requests of a dashboard with their state (open, merged, closed)', 'pulls', 'prList'],
    ['deployments', 'Deploy history, newest first', 'deploys', 'deploymentsCommand'],
    ['rollback', 'Put a target back to the version it had before a deployment', 'deploys', 'rollbackCommand'],
    [
      'drift',
      'An environment against a ref, object by object; exit 1 when anything differs',
      'drift',
      'driftCommand',
    ],
    [
      'drift adopt',
      'Commit what an environment holds onto a new branch from its live deployment',
      'driftActions',
      'driftAdopt',
    ],
    [
      'drift check',
      'Check every dashboard live on an environment for drift now; exit 1 when any drifted',
      'driftCheck',
      'driftCheck',
    ],
    [
      'drift put-back',
      'Deploy the live version into an environment again, undoing edits there',
      'driftActions',
      'driftPutBack',
    ],
    ['serve', 'Run the superset-git server (web UI and API on one port)', 'serve', 'serveCommand'],
    [
      'merge-driver',
      'git merge driver: merge the dashboard’s YAML field by field (%O %A %B %P; no server needed)',
      'mergeDriver',
      'mergeDriverCommand',
    ],
  ] as const
).map(([name, summary, module, key]) => ({
  name,
  summary,
  load: async () => ((await MODULES[module]()) as unknown as Record<string, Command>)[key]!,
}));

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

function findCommand(argv: string[]): { command: Entry; rest: string[] } | null {
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
  const command = await found.command.load();
  const context = parseCommand(command, found.rest);
  if (context === 'help') {
    process.stdout.write(`${found.command.summary}.\n\n${aligned(command.help)}\n`);
    return EXIT.ok;
  }
  return command.run(context);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (caught) {
  const error = asCliError(caught);
  process.stderr.write(`${colourFor(process.stderr).red(`superset-git: ${error.message}`)}\n`);
  process.exitCode = error.exitCode;
}
