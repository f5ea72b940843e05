// The Superset a standalone command talks to: URL and user from options or the environment, the password only
// from an environment variable or stdin.
import { SupersetClient } from '@superset-git/superset';
import { UsageError } from './cli-errors.ts';
import type { OptionsConfig } from './command.ts';
import { secretFromEnv, stringOption, type CommandContext } from './command.ts';

export const SUPERSET_OPTIONS: OptionsConfig = {
  url: { type: 'string' },
  user: { type: 'string' },
  'password-env': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  provider: { type: 'string' },
  insecure: { type: 'boolean' },
};

export const SUPERSET_HELP = `  --url URL             Superset's address (or SUPERSET_URL)
  --user NAME           Superset user (or SUPERSET_USER)
  --password-env VAR    Environment variable holding the password (default SUPERSET_PASSWORD)
  --password-stdin      Read the password from stdin instead
  --provider db|ldap    Superset's login provider (default db)
  --insecure            Accept a TLS certificate that does not verify`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export async function supersetFrom({ values }: CommandContext): Promise<SupersetClient> {
  const url = stringOption(values, 'url') ?? process.env.SUPERSET_URL;
  const username = stringOption(values, 'user') ?? process.env.SUPERSET_USER;
  if (!url) throw new UsageError('Give Superset’s address with --url (or SUPERSET_URL).');
  if (!username) throw new UsageError('Give the Superset user with --user (or SUPERSET_USER).');
  const provider = stringOption(values, 'provider') ?? 'db';
  if (provider !== 'db' && provider !== 'ldap') throw new UsageError('--provider is db or ldap.');
  let password: string;
  if (values['password-stdin']) {
    password = await readStdin();
    if (!password) throw new UsageError('--password-stdin was given but stdin was empty.');
  } else {
    password = secretFromEnv(
      stringOption(values, 'password-env') ?? 'SUPERSET_PASSWORD',
      'the Superset password',
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--url '${url}' is not an address (e.g. https://superset.example.com).`);
  }
  return new SupersetClient({
    url: parsed.toString().replace(/\/$/, ''),
    username,
    password,
    provider,
    verifyTls: !values.insecure,
  });
}
