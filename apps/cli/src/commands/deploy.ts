// `superset-git deploy`: through a server (`--env`) or, from a folder, straight into a Superset (`--url`).
import { UsageError } from '../cli-errors.ts';
import { COMMON_HELP, type Command } from '../command.ts';
import { deployThroughServer, SERVER_DEPLOY_HELP } from '../remote/deploy-commands.ts';
import { SERVER_OPTIONS } from '../remote/server-api.ts';
import { SUPERSET_HELP, SUPERSET_OPTIONS } from '../superset-target.ts';
import { deployStandalone, STANDALONE_DEPLOY_HELP } from './deploy-standalone.ts';

export const deployCommand: Command = {
  name: 'deploy',
  help: `Usage:
  superset-git deploy -d UUID --env NAME [--ref REF] [--dry-run] [server options]
  superset-git deploy DIR --url URL --user NAME [--password-env VAR] [--db-password UUID=VAR]… [--dry-run]

Shows the plan (create, update, delete per object, and the problems that stop it) before importing.
Exit codes: 0 deployed (or a clean dry run), 1 the import failed, 2 usage, 3 the plan has problems, 4 auth.

Through the server:
${SERVER_DEPLOY_HELP}

Standalone (no server):
${STANDALONE_DEPLOY_HELP}
${SUPERSET_HELP}

Both:
  --dry-run             Only show the plan
${COMMON_HELP}`,
  options: {
    ...SERVER_OPTIONS,
    ...SUPERSET_OPTIONS,
    dashboard: { type: 'string', short: 'd' },
    env: { type: 'string' },
    ref: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'db-password': { type: 'string', multiple: true },
    'db-uri': { type: 'string', multiple: true },
    'dataset-schema': { type: 'string' },
    'snapshot-out': { type: 'string' },
  },
  async run(context) {
    const { values, positionals } = context;
    if (values.env && positionals.length === 0) return deployThroughServer(context);
    if (positionals.length === 1 && !values.env) return deployStandalone(context);
    if (values.env && positionals.length > 0)
      throw new UsageError(
        'Give either --env (deploy through the server) or a folder (standalone), not both.',
      );
    throw new UsageError(
      'Give --env NAME to deploy through the server, or a folder to deploy straight into a Superset.',
    );
  },
};
