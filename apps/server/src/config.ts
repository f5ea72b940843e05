// Server settings, read once from the environment with defaults.
import path from 'node:path';
import { z } from 'zod';
import { TrustProxy } from './http/trust-proxy.ts';

const Config = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  dataDir: z.string().min(1).default('./data'),
  /** PostgreSQL instead of the SQLite file in dataDir: postgres://user:password@host:port/database. */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  secretKey: z.string().min(1).optional(),
  adminPassword: z.string().min(1).optional(),
  /** JSON object of plugin id → plugin config. */
  /** Plugin id → that plugin's config (SUPERSET_GIT_PLUGIN_CONFIG, a JSON object). */
  pluginConfig: z.record(z.string(), z.unknown()).default({}),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the built web UI is; empty string serves no UI. */
  webDir: z.string().optional(),
  sessionTtlHours: z.coerce.number().positive().default(12),
  loginRateLimit: z.coerce.number().int().positive().default(10),
  /** How long one call to a Superset may take before it counts as not answering. */
  supersetTimeoutMs: z.coerce.number().int().positive().default(15_000),
  /** Which proxies may say who the client is (X-Forwarded-For) and whether it used https (X-Forwarded-Proto). */
  trustProxy: TrustProxy,
  /** This server's name among several on one database: its tasks are its own (default: host name and data dir). */
  serverId: z.string().min(1).max(200).optional(),
  /** How often a server says it still runs its tasks; one silent for six of these is taken for stopped. */
  taskHeartbeatSeconds: z.coerce.number().positive().max(3600).default(10),
  /** How many dashboards a sync-all syncs at once; handed to the git plugin's `syncAllConcurrency`. */
  syncAllConcurrency: z.coerce.number().int().min(1).max(32).optional(),
  /**
   * Whether each dashboard's clone here follows its remote (fetched and fast-forwarded before a sync, pushed after
   * each commit); handed to the git plugin's `followRemote`. For servers with a repositories folder each.
   */
  followRemote: z
    .enum(['true', 'false', '1', '0'])
    .transform((value) => value === 'true' || value === '1')
    .optional(),
  /** On PostgreSQL, how many queued tasks (deploys, rollbacks) this server runs at once. */
  jobConcurrency: z.coerce.number().int().min(1).max(32).default(4),
});
export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return resolveConfig({
    host: env.SUPERSET_GIT_HOST || undefined,
    port: env.SUPERSET_GIT_PORT || undefined,
    dataDir: env.SUPERSET_GIT_DATA_DIR || undefined,
    databaseUrl: env.SUPERSET_GIT_DATABASE_URL || undefined,
    secretKey: env.SUPERSET_GIT_SECRET_KEY || undefined,
    adminPassword: env.SUPERSET_GIT_ADMIN_PASSWORD || undefined,
    pluginConfig: pluginConfigFromJson(env.SUPERSET_GIT_PLUGIN_CONFIG),
    logLevel: (env.SUPERSET_GIT_LOG_LEVEL || undefined) as ConfigInput['logLevel'],
    webDir: env.SUPERSET_GIT_WEB_DIR,
    sessionTtlHours: env.SUPERSET_GIT_SESSION_TTL_HOURS || undefined,
    loginRateLimit: env.SUPERSET_GIT_LOGIN_RATE_LIMIT || undefined,
    supersetTimeoutMs: env.SUPERSET_GIT_SUPERSET_TIMEOUT_MS || undefined,
    trustProxy: env.SUPERSET_GIT_TRUST_PROXY || undefined,
    syncAllConcurrency: env.SUPERSET_GIT_SYNC_ALL_CONCURRENCY || undefined,
    serverId: env.SUPERSET_GIT_SERVER_ID || undefined,
    taskHeartbeatSeconds: env.SUPERSET_GIT_TASK_HEARTBEAT_SECONDS || undefined,
    jobConcurrency: env.SUPERSET_GIT_JOB_CONCURRENCY || undefined,
    followRemote: (env.SUPERSET_GIT_FOLLOW_REMOTE || undefined) as ConfigInput['followRemote'],
  });
}

function pluginConfigFromJson(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('Invalid configuration: SUPERSET_GIT_PLUGIN_CONFIG must be a JSON object');
  }
  return value as Record<string, unknown>;
}

export function resolveConfig(input: ConfigInput): Config {
  const parsed = Config.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const { syncAllConcurrency, followRemote, pluginConfig } = parsed.data;
  // The plugin's own settings, where SUPERSET_GIT_PLUGIN_CONFIG does not give them already.
  const git = pluginConfig.git ?? {};
  const handed = Object.entries({ syncAllConcurrency, followRemote }).filter(
    ([key, value]) => value !== undefined && typeof git === 'object' && git !== null && !(key in git),
  );
  return {
    ...parsed.data,
    dataDir: path.resolve(parsed.data.dataDir),
    pluginConfig:
      handed.length > 0 ? { ...pluginConfig, git: { ...git, ...Object.fromEntries(handed) } } : pluginConfig,
  };
}
