// The plugins this server loads at start, in order.
import { gitPlugin } from '../git/git.plugin.ts';
import type { PluginDefinition } from './plugin.ts';

export const registeredPlugins: readonly PluginDefinition[] = [gitPlugin as unknown as PluginDefinition];
