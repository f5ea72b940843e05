// The test harness: real Superset instances for tests, the demo and CI.
export {
  startSuperset,
  stopSuperset,
  addSupersetAdmin,
  supersetStatus,
  resetSuperset,
  type SupersetInfo,
  type StartOptions,
} from './superset-instance.ts';
export {
  SUPERSET_VERSIONS,
  DEFAULT_SUPERSET_VERSION,
  supersetVersionOf,
  type SupersetVersion,
  type TemplateKind,
} from './harness-paths.ts';
export { ensureSupersetVenv } from './superset-venv.ts';
export { parseUpArgs } from './superset-up-args.ts';
export { takeDirLock } from './dir-lock.ts';
export { ensurePresetCli, PRESET_CLI_VERSION } from './preset-cli.ts';
export { ensureSchemathesis, SCHEMATHESIS_VERSION } from './schemathesis.ts';
export { startGitRemote, type GitRemote, type GitRemoteOptions } from './git-remote.ts';
export { startPostgres, postgresBinDir, type PostgresCluster } from './postgres-cluster.ts';
export { freePort } from './free-port.ts';
