// Tables of the superset-git database on SQLite; migrations in ../../drizzle are generated from this file.
// postgres-schema.ts holds the same tables for PostgreSQL: a change here is made there too.
import { sql } from 'drizzle-orm';
import { blob, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  role: text('role', { enum: ['admin', 'editor', 'viewer'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: text('created_at').notNull().default(now),
});

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie value: a stolen database holds no usable session. */
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull().default(now),
    expiresAt: text('expires_at').notNull(),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  createdAt: text('created_at').notNull().default(now),
  expiresAt: text('expires_at'),
  lastUsedAt: text('last_used_at'),
});

export const environments = sqliteTable(
  'environments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    url: text('url').notNull(),
    username: text('username').notNull(),
    provider: text('provider', { enum: ['db', 'ldap'] }).notNull(),
    verifyTls: integer('verify_tls', { mode: 'boolean' }).notNull(),
    /** AES-256-GCM sealed password (see secrets/secret-box.ts). */
    passwordSealed: text('password_sealed').notNull(),
    lastTestJson: text('last_test_json'),
    /** The Superset version last read from the instance (kept when a later test cannot reach it). */
    supersetVersion: text('superset_version'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (table) => [uniqueIndex('environments_name_nocase_idx').on(sql`lower(${table.name})`)],
);

export const tasks = sqliteTable(
  'tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    state: text('state', { enum: ['PENDING', 'RUNNING', 'AWAITING_INPUT', 'SUCCESS', 'FAILED'] }).notNull(),
    progress: real('progress'),
    error: text('error'),
    resultJson: text('result_json'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull().default(now),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
    /** The server running it (SUPERSET_GIT_SERVER_ID): only that server, or a server finding it silent, ends it. */
    owner: text('owner'),
    /** When its server last said it is still running it; a task whose server fell silent is failed by another. */
    heartbeatAt: text('heartbeat_at'),
    /** Its job in the shared queue (PostgreSQL): a task waiting there belongs to the queue, not to a server. */
    jobId: text('job_id'),
    /**
     * The queue holding that job: the one every server takes from, or that of the servers sharing one repositories
     * folder (work on a dashboard's work tree runs only where that work tree is).
     */
    jobQueue: text('job_queue'),
  },
  (table) => [index('tasks_state_idx').on(table.state)],
);

export const taskLogs = sqliteTable(
  'task_logs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    at: text('at').notNull(),
    level: text('level', { enum: ['debug', 'info', 'warn', 'error'] }).notNull(),
    message: text('message').notNull(),
  },
  (table) => [uniqueIndex('task_logs_task_seq_idx').on(table.taskId, table.seq)],
);

export const gitServers = sqliteTable(
  'git_servers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    provider: text('provider', { enum: ['github', 'gitlab', 'gitea', 'generic'] }).notNull(),
    url: text('url').notNull(),
    username: text('username'),
    defaultOwner: text('default_owner'),
    verifyTls: integer('verify_tls', { mode: 'boolean' }).notNull(),
    /** AES-256-GCM sealed personal access token. */
    tokenSealed: text('token_sealed').notNull(),
    lastTestJson: text('last_test_json'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (table) => [uniqueIndex('git_servers_name_nocase_idx').on(sql`lower(${table.name})`)],
);

/** One git repository per dashboard, under DATA_DIR/repos/<dashboard uuid>/. */
export const dashboardRepos = sqliteTable('dashboard_repos', {
  dashboardUuid: text('dashboard_uuid').primaryKey(),
  environmentId: integer('environment_id')
    .notNull()
    .references(() => environments.id, { onDelete: 'restrict' }),
  gitServerId: integer('git_server_id').references(() => gitServers.id, { onDelete: 'set null' }),
  remoteUrl: text('remote_url'),
  lastSyncAt: text('last_sync_at'),
  createdAt: text('created_at').notNull().default(now),
});

/** How dashboards deploy into one environment: database mapping (passwords sealed), overrides, protection. */
export const deploySettings = sqliteTable('deploy_settings', {
  environmentId: integer('environment_id')
    .primaryKey()
    .references(() => environments.id, { onDelete: 'cascade' }),
  settingsJson: text('settings_json').notNull(),
  /** Sealed JSON: database uuid → password. */
  passwordsSealed: text('passwords_sealed'),
  updatedAt: text('updated_at').notNull().default(now),
});

export const deployments = sqliteTable(
  'deployments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dashboardUuid: text('dashboard_uuid').notNull(),
    environmentId: integer('environment_id').notNull(),
    kind: text('kind', { enum: ['deploy', 'rollback'] }).notNull(),
    ref: text('ref').notNull(),
    sha: text('sha').notNull(),
    state: text('state', { enum: ['PLANNED', 'RUNNING', 'SUCCESS', 'FAILED', 'ROLLED_BACK'] }).notNull(),
    planJson: text('plan_json'),
    message: text('message'),
    /** The target's export before this deployment (ZIP), for rollback; null when the dashboard was new there. */
    snapshot: blob('snapshot', { mode: 'buffer' }),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull().default(now),
    durationMs: integer('duration_ms'),
    taskId: integer('task_id'),
  },
  (table) => [index('deployments_dashboard_idx').on(table.dashboardUuid, table.environmentId)],
);

/** Pull/merge requests opened from superset-git, with their state as last read from the provider. */
export const pullRequests = sqliteTable(
  'pull_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dashboardUuid: text('dashboard_uuid').notNull(),
    branch: text('branch').notNull(),
    base: text('base').notNull(),
    number: integer('number').notNull(),
    url: text('url').notNull(),
    state: text('state', { enum: ['open', 'merged', 'closed'] }).notNull(),
    openedBy: text('opened_by'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (table) => [index('pull_requests_dashboard_idx').on(table.dashboardUuid, table.branch)],
);

/** The last scheduled drift check of a dashboard's live deployment on an environment (one row per pair). */
export const driftChecks = sqliteTable(
  'drift_checks',
  {
    environmentId: integer('environment_id')
      .notNull()
      .references(() => environments.id, { onDelete: 'cascade' }),
    dashboardUuid: text('dashboard_uuid').notNull(),
    /** The live deployment the environment was compared with. */
    deploymentId: integer('deployment_id').notNull(),
    checkedAt: text('checked_at').notNull(),
    /** JSON: the objects that differ, without their texts ({objectType, uuid, name, kind}[]). */
    objectsJson: text('objects_json').notNull(),
    /** Why the check could not compare (Superset unreachable, dashboard gone); null when it did. */
    error: text('error'),
  },
  (table) => [uniqueIndex('drift_checks_pair_idx').on(table.environmentId, table.dashboardUuid)],
);

/** Rate-limit windows, shared by every server on this database: one row per limited route and client. */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    /** The route ("POST /api/auth/login") and the client's address. */
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    /** When the window ends (ms since the epoch); the next hit after it starts a new window. */
    resetAt: integer('reset_at').notNull(),
  },
  (table) => [index('rate_limits_reset_idx').on(table.resetAt)],
);

/**
 * Long operations that run one at a time across every server on this database (a dashboard's deploy into an
 * environment, an environment's sync-all, a merge waiting for a person): one row per held subject.
 */
export const operationLocks = sqliteTable('operation_locks', {
  subject: text('subject').primaryKey(),
  /** Names this hold; the holder lets go by it, so a later hold of the same subject is not let go by mistake. */
  token: text('token').notNull(),
  /** The task holding it; null for the moment between taking it and writing the task, and for a git write's hold. */
  taskId: integer('task_id'),
  /** What holds it, for the refusal: "Deployment 12", "task 40". */
  what: text('what').notNull(),
  createdAt: text('created_at').notNull().default(now),
});
