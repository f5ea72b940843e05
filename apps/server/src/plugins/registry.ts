// The plugins this server loads at start, in order.
import { gitPlugin } from './git.plugin.ts';
import type { PluginDefinition } from './plugin.ts';

export const registeredPlugins: readonly PluginDefinition[] = [gitPlugin as unknown as PluginDefinition];
