// The plugins this server loads at start, in order. The git integration joins this list with the git engine.
import type { PluginDefinition } from './plugin.ts';

export const registeredPlugins: readonly PluginDefinition[] = [];
