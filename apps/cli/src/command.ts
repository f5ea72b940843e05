// A command: its name, help text, options, and what it does. Parsing is strict: an unknown option or a missing
// value is a usage error (exit 2) that names the problem and points at --help.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
import { UsageError, type ExitCode } from './cli-errors.ts';
import { createOutput, type Output } from './cli-output.ts';

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  values: Values;
  positionals: string[];
  out: Output;
}

export interface Command {
  /** e.g. `export` or `env list`. */
  name: string;
  /** Usage and option lines shown by --help. */
  help: string;
  options: OptionsConfig;
  run(context: CommandContext): Promise<ExitCode>;
}

const COMMON: OptionsConfig = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
};

export const COMMON_HELP = `  --json          Print the result as JSON on stdout
  -q, --quiet     No progress lines on stderr
  -h, --help      Show this help`;

export function parseCommand(command: Command, args: string[]): CommandContext | 'help' {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { ...COMMON, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(
      `${error instanceof Error ? error.message : String(error)}\nSee 'superset-git ${command.name} --help'.`,
    );
  }
  if (parsed.values.help) return 'help';
  return {
    values: parsed.values,
    positionals: parsed.positionals,
    out: createOutput(Boolean(parsed.values.json), Boolean(parsed.values.quiet)),
  };
}

export function stringOption(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function requiredOption(values: Values, name: string, hint = ''): string {
  const value = stringOption(values, name);
  if (!value) throw new UsageError(`--${name} is required${hint ? ` (${hint})` : ''}.`);
  return value;
}

/** A secret from the environment variable the user named (never from argv). */
export function secretFromEnv(variable: string, what: string): string {
  const value = process.env[variable];
  if (!value) throw new UsageError(`The environment variable ${variable} (${what}) is not set or empty.`);
  return value;
}
