// The git integration, as a plugin of the host: git servers now; dashboards' repositories build on it.
import { z } from 'zod';
import { definePlugin } from '../plugins/plugin.ts';
import { GitServersRepository } from './git-servers.repository.ts';
import { gitServersRoutes } from './git-servers.routes.ts';
import { GitServersService } from './git-servers.service.ts';

export const GitPluginConfig = z
  .object({
    /** How long a provider API or plain git server may take to answer a token check. */
    providerTimeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
  })
  .strict();

export interface GitPluginExports extends Record<string, unknown> {
  servers: GitServersService;
}

export const gitPlugin = definePlugin({
  id: 'git',
  version: '0.1.0',
  configSchema: GitPluginConfig,
  routePrefix: '/api/git',
  setup(context) {
    const servers = new GitServersService(
      new GitServersRepository(context.db),
      context.secrets,
      context.config.providerTimeoutMs,
    );
    context.routes((app) => gitServersRoutes(app, servers));
    return { servers } satisfies GitPluginExports;
  },
});
