// The server as a library: for the CLI's `serve`, tests and plugins.
export { buildServer, type BuiltServer, type ServerServices } from './app.ts';
export { configFromEnv, resolveConfig, type Config, type ConfigInput } from './config.ts';
export { startServer } from './start-server.ts';
export { definePlugin, type PluginContext, type PluginDefinition } from './plugins/plugin.ts';
export { PluginLoadError } from './plugins/plugin-host.ts';
export { VERSION } from '@superset-git/contracts';
export type { GitPluginExports } from './plugins/git.plugin.ts';
