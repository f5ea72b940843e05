// Loads the plugins of the registry at start; a plugin that fails stops the start with its name and reason.
import { EventEmitter } from 'node:events';
import type { ZodApp } from '../http/zod-app.ts';
import type { DashboardStatusProvider, ListedDashboard, PluginContext, PluginDefinition } from './plugin.ts';

export class PluginLoadError extends Error {
  constructor(
    readonly pluginId: string,
    reason: string,
  ) {
    super(`Plugin "${pluginId}" failed to load: ${reason}`);
    this.name = 'PluginLoadError';
  }
}

/** What the host hands every plugin's context (the context adds routes, config, events and its own logger). */
export type PluginHostServices = Pick<
  PluginContext<unknown>,
  'dataDir' | 'db' | 'environments' | 'tasks' | 'secrets' | 'redactor' | 'logger'
>;

export interface LoadedPlugin {
  id: string;
  version: string;
}

const PLUGIN_ID = /^[a-z][a-z0-9-]{0,39}$/;

export class PluginHost {
  readonly events = new EventEmitter();
  readonly loaded: LoadedPlugin[] = [];
  private readonly statusProviders: DashboardStatusProvider[] = [];
  private readonly exported = new Map<string, Record<string, unknown>>();

  constructor(private readonly services: PluginHostServices) {}

  async load(
    app: ZodApp,
    plugins: readonly PluginDefinition[],
    configs: Record<string, unknown>,
  ): Promise<void> {
    const seen = new Set<string>();
    for (const plugin of plugins) {
      const id = typeof plugin?.id === 'string' ? plugin.id : '(unnamed)';
      if (!PLUGIN_ID.test(id)) throw new PluginLoadError(id, 'its id must be kebab-case, 1–40 characters');
      if (seen.has(id)) throw new PluginLoadError(id, 'another plugin has the same id');
      seen.add(id);
      const prefix = plugin.routePrefix ?? `/api/plugins/${id}`;
      if (!/^\/api(\/[a-z0-9/-]+)?$/.test(prefix)) {
        throw new PluginLoadError(id, `routePrefix '${prefix}' must be a path under /api/`);
      }
      const parsed = plugin.configSchema.safeParse(configs[id] ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new PluginLoadError(
          id,
          `invalid config at '${issue?.path.join('.') || '(root)'}': ${issue?.message}`,
        );
      }
      const registrations: Array<(scoped: ZodApp) => void | Promise<void>> = [];
      try {
        const exports = await plugin.setup({
          id,
          config: parsed.data,
          routes: (register) => registrations.push(register),
          ...this.services,
          logger: this.services.logger.child({ plugin: id }),
          events: this.events,
          provideDashboardStatus: (provider) => this.statusProviders.push(provider),
        });
        if (exports) this.exported.set(id, exports);
        await app.register(
          async (scoped) => {
            for (const register of registrations) await register(scoped as unknown as ZodApp);
          },
          { prefix },
        );
      } catch (error) {
        throw new PluginLoadError(id, error instanceof Error ? error.message : String(error));
      }
      this.loaded.push({ id, version: plugin.version });
      this.services.logger.info({ plugin: id, version: plugin.version }, 'plugin loaded');
    }
  }

  /** What a loaded plugin's setup returned (its services), or undefined. */
  exportsOf<T extends Record<string, unknown>>(id: string): T | undefined {
    return this.exported.get(id) as T | undefined;
  }

  /**
   * Begins the hub's git column for an environment (while its page is read from Superset); the answer gives the
   * git status of each of the page's dashboards, from whichever plugin knows it.
   */
  dashboardStatus(environmentId: number) {
    const started = this.statusProviders.map((provider) => provider(environmentId));
    return async (dashboards: ListedDashboard[]) => {
      const merged = new Map<string, import('@superset-git/contracts').DashboardGitStatus>();
      for (const statusOf of started) {
        for (const [uuid, status] of await statusOf(dashboards)) merged.set(uuid, status);
      }
      return merged;
    };
  }
}
