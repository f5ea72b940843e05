// Builds the superset-git server: storage, secrets, auth, tasks, plugins, routes and the web UI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { apiTokensRoutes } from './auth/api-tokens.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { registerAuthHook } from './auth/auth.hook.ts';
import { ApiTokensStore } from './auth/api-tokens.store.ts';
import { AuthService } from './auth/auth.service.ts';
import { SessionsStore } from './auth/sessions.store.ts';
import type { Config } from './config.ts';
import { dashboardHubRoutes } from './dashboard-hub/dashboard-hub.routes.ts';
import { DashboardHubService } from './dashboard-hub/dashboard-hub.service.ts';
import { openDatabase, type Db } from './db/database.ts';
import { EnvironmentsStore } from './environments/environments.store.ts';
import { environmentTestRoutes } from './environments/environment-test.routes.ts';
import { environmentsRoutes } from './environments/environments.routes.ts';
import { EnvironmentsService } from './environments/environments.service.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { healthRoutes } from './http/health.routes.ts';
import { OPENAPI_PATHS, registerOpenApi } from './http/openapi.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerStandardErrors } from './http/standard-errors.ts';
import { loggerOptions } from './http/logger-options.ts';
import { databaseRateLimitStore } from './http/rate-limit-db-store.ts';
import { RateLimitsStore } from './http/rate-limits.store.ts';
import { registerWebUi } from './http/web-ui.ts';
import type { ZodApp } from './http/zod-app.ts';
import type { PluginDefinition } from './plugins/plugin.ts';
import { PluginHost } from './plugins/plugin-host.ts';
import { registeredPlugins } from './plugins/registry.ts';
import { runtimePaths } from './runtime-paths.ts';
import { Redactor } from './secrets/redactor.ts';
import { SecretBox } from './secrets/secret-box.ts';
import { assertSecretsReadable } from './secrets/sealed-secrets-check.ts';
import { PgBossTaskQueue } from './tasks/pg-boss-task-queue.ts';
import { reposFolderId } from './dashboard-repos/repos-folder-id.ts';
import { InProcessTaskQueue, type TaskQueue } from './tasks/task-queue.ts';
import {
  NO_TASK_CHANGE_NOTICES,
  PostgresTaskChangeNotices,
  type TaskChangeNotices,
} from './tasks/task-change-notices.ts';
import { TaskRunner } from './tasks/task-runner.ts';
import { TasksStore } from './tasks/tasks.store.ts';
import { tasksRoutes } from './tasks/tasks.routes.ts';
import { UsersStore } from './users/users.store.ts';
import { usersRoutes } from './users/users.routes.ts';
import { UsersService } from './users/users.service.ts';
import { VERSION, type ApiError } from '@superset-git/contracts';

export interface ServerServices {
  db: Db;
  redactor: Redactor;
  secrets: SecretBox;
  users: UsersService;
  auth: AuthService;
  tasks: TaskRunner;
  environments: EnvironmentsService;
  plugins: PluginHost;
  /** Set when this start created the admin with a generated password (printed once). */
  generatedAdminPassword: string | null;
}

export interface BuiltServer {
  app: FastifyInstance;
  services: ServerServices;
}

export async function buildServer(
  config: Config,
  options: {
    plugins?: readonly PluginDefinition[];
    logger?: boolean;
    /** Where log lines go (stdout by default); tests read them to check nothing secret is logged. */
    logStream?: NodeJS.WritableStream;
  } = {},
): Promise<BuiltServer> {
  const redactor = new Redactor();
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(config.logLevel, redactor, options.logStream),
    bodyLimit: 10 * 1024 * 1024,
    // Off unless configured: a client must not choose the address it is rate-limited and logged by.
    trustProxy: config.trustProxy,
    // A path parameter too long for the router, or a URL it cannot decode, is bad input like any other:
    // answer it as a 400 in the API's error shape instead of Fastify's bare 414/400.
    frameworkErrors: (error, _request, reply) => {
      const message =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'A value in the address is too long to be a valid name or id.'
          : 'The address could not be read; check its encoding.';
      const body: ApiError = { error: { code: 'VALIDATION', message } };
      void (reply as FastifyReply).code(400).send(body);
    },
  }).withTypeProvider() as unknown as ZodApp;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const db = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { file: path.join(config.dataDir, 'superset-git.db') },
  );
  // One git repository per dashboard lives here (filled by the git plugin).
  const reposDir = path.join(config.dataDir, 'repos');
  fs.mkdirSync(reposDir, { recursive: true });
  const secrets = SecretBox.open({
    dataDir: config.dataDir,
    ...(config.secretKey ? { secretKey: config.secretKey } : {}),
    redactor,
  });
  // Several servers share one database: one that cannot open its secrets must stop now, not at first use.
  await assertSecretsReadable(
    db,
    secrets,
    config.secretKey ? 'SUPERSET_GIT_SECRET_KEY' : path.join(config.dataDir, 'secret.key'),
  );
  const usersStore = new UsersStore(db);
  const users = new UsersService(usersStore);
  const sessionTtlMs = config.sessionTtlHours * 3_600_000;
  const auth = new AuthService(new SessionsStore(db), new ApiTokensStore(db), usersStore, sessionTtlMs);
  // On PostgreSQL long work waits in a queue every server takes from; on SQLite this server runs it at once.
  const queue: TaskQueue = config.databaseUrl
    ? new PgBossTaskQueue(config.databaseUrl, {
        concurrency: config.jobConcurrency,
        folderId: reposFolderId(reposDir),
        onError: (error) => app.log.error({ err: error }, 'the task queue failed'),
      })
    : new InProcessTaskQueue();
  await queue.open();
  // On PostgreSQL a server following a task another one runs hears from the database when it changed.
  const notices: TaskChangeNotices = config.databaseUrl
    ? new PostgresTaskChangeNotices(config.databaseUrl, (error) =>
        app.log.warn({ err: error }, 'task change notices stopped; following other servers by polling'),
      )
    : NO_TASK_CHANGE_NOTICES;
  await notices.open();
  const tasks = new TaskRunner(
    new TasksStore(db),
    redactor,
    {
      owner: config.serverId ?? `${os.hostname()}:${config.dataDir}`,
      heartbeatMs: config.taskHeartbeatSeconds * 1000,
    },
    queue,
  );
  const environments = new EnvironmentsService(new EnvironmentsStore(db), secrets, config.supersetTimeoutMs);
  const plugins = new PluginHost({
    dataDir: config.dataDir,
    db,
    environments,
    tasks,
    secrets,
    redactor,
    logger: app.log,
  });
  const hub = new DashboardHubService(environments, plugins);

  const interrupted = await tasks.recoverInterrupted();
  if (interrupted > 0)
    app.log.warn({ interrupted }, 'tasks interrupted by the previous stop were marked FAILED');
  tasks.watchOwners();
  await auth.purgeExpiredSessions();
  const admin = await users.ensureAdmin(config.adminPassword);

  registerErrorHandler(app);
  // Before any route (and before the OpenAPI plugin collects them), so every route gets them.
  registerStandardErrors(app);
  registerSecurityHeaders(app);
  await app.register(fastifyCookie);
  const rateLimits = new RateLimitsStore(db);
  await rateLimits.deleteEnded(Date.now());
  await app.register(fastifyRateLimit, { global: false, store: databaseRateLimitStore(rateLimits) });
  registerAuthHook(app, auth, OPENAPI_PATHS);
  await registerOpenApi(app, VERSION);

  healthRoutes(app, { version: VERSION });
  authRoutes(app, { auth, sessionTtlMs, loginRateLimit: config.loginRateLimit });
  apiTokensRoutes(app, auth);
  usersRoutes(app, { users });
  tasksRoutes(app, tasks, notices);
  environmentsRoutes(app, environments);
  environmentTestRoutes(app, environments);
  dashboardHubRoutes(app, hub);
  await plugins.load(app, options.plugins ?? registeredPlugins, config.pluginConfig);
  await registerWebUi(app, config.webDir ?? runtimePaths().webBuild);
  await tasks.startQueue();

  app.addHook('onClose', async () => {
    await tasks.shutdown();
    await notices.close();
    await environments.close();
    await db.close();
  });

  return {
    app,
    services: {
      db,
      redactor,
      secrets,
      users,
      auth,
      tasks,
      environments,
      plugins,
      generatedAdminPassword: admin.generatedPassword,
    },
  };
}
