// What a plugin is: `definePlugin({ id, version, configSchema, setup(ctx) })`, and what its context offers.
import type { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { DashboardGitStatus, Environment } from '@superset-git/contracts';
import type { SupersetClient } from '@superset-git/superset';
import type { Db } from '../db/database.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import type { Redactor } from '../secrets/redactor.ts';
import type { TaskRunner } from '../tasks/task-runner.ts';
import type { ZodApp } from '../http/zod-app.ts';

/** A dashboard of the hub's page, as Superset listed it. */
export interface ListedDashboard {
  uuid: string;
  /** Superset's `changed_on_utc` of the dashboard itself, as it wrote it. */
  changedOn: string | null;
}

/**
 * The hub's git column: git state for dashboards of one environment, keyed by dashboard uuid. Called as the hub
 * starts asking Superset for its page, so that a provider can begin what does not depend on the page's rows; the
 * function it answers gets the page's dashboards.
 */
export type DashboardStatusProvider = (
  environmentId: number,
) => (
  dashboards: ListedDashboard[],
) => Promise<Map<string, DashboardGitStatus>> | Map<string, DashboardGitStatus>;

/** The Superset environments, as plugins may use them: read one, talk to its Superset. */
export interface PluginEnvironments {
  get(id: number): Promise<Environment>;
  client(id: number): Promise<SupersetClient>;
}

export interface PluginContext<Config> {
  id: string;
  config: Config;
  /** Registers routes under the plugin's prefix (`/api/plugins/<id>` unless it declares `routePrefix`). */
  routes(register: (app: ZodApp) => void | Promise<void>): void;
  /** The server's data folder; plugins keep their files below it. */
  dataDir: string;
  db: Db;
  environments: PluginEnvironments;
  tasks: TaskRunner;
  secrets: SecretBox;
  redactor: Redactor;
  /** Child logger tagged with the plugin id; the server's redaction applies. */
  logger: FastifyBaseLogger;
  events: EventEmitter;
  /** Supplies the git status column of the dashboard hub. */
  provideDashboardStatus(provider: DashboardStatusProvider): void;
}

export type PluginExports = Record<string, unknown> | void;

export interface PluginDefinition<Schema extends z.ZodType = z.ZodType> {
  id: string;
  version: string;
  configSchema: Schema;
  /** Absolute prefix under /api/ for the plugin's routes, e.g. `/api/git`. */
  routePrefix?: string;
  /** May return the services it offers to the host and to tools such as the CLI and the demo. */
  setup(context: PluginContext<z.output<Schema>>): PluginExports | Promise<PluginExports>;
}

export function definePlugin<Schema extends z.ZodType>(
  definition: PluginDefinition<Schema>,
): PluginDefinition<Schema> {
  return definition;
}
