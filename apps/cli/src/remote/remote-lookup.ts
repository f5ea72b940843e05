// Names a person types, turned into what the server's routes take.
import type { ApiClient, Schemas } from '@superset-git/api-client';
import { SupersetUuid } from '@superset-git/contracts';
import { CliError, UsageError } from '../cli-errors.ts';
import { stringOption, type CommandContext } from '../command.ts';

export async function environmentNamed(api: ApiClient, nameOrId: string): Promise<Schemas['Environment']> {
  const { items } = await api.GET('/api/environments');
  const found = items.find((env) => env.name === nameOrId || String(env.id) === nameOrId);
  if (!found)
    throw new CliError(
      `There is no environment '${nameOrId}'; there are: ${items.map((env) => env.name).join(', ') || 'none'}.`,
    );
  return found;
}

/** The dashboard a command works on: --dashboard or SUPERSET_GIT_DASHBOARD, a uuid. */
export function dashboardOf({ values }: CommandContext): string {
  const uuid = stringOption(values, 'dashboard') ?? process.env.SUPERSET_GIT_DASHBOARD;
  if (!uuid) throw new UsageError('Give the dashboard with --dashboard <uuid> (or SUPERSET_GIT_DASHBOARD).');
  if (!SupersetUuid().safeParse(uuid).success)
    throw new UsageError(
      `--dashboard takes the dashboard's uuid ('superset-git dash list --env NAME' shows them), not '${uuid}'.`,
    );
  return uuid.toLowerCase();
}

export const DASHBOARD_HELP = `  -d, --dashboard UUID  The dashboard (or SUPERSET_GIT_DASHBOARD)`;
