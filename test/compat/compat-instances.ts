// The real Superset instances the compatibility suite runs against: for each supported release a seeded dev and an
// empty prod, a 6.1 target for deploys from older releases, Superset's own example dashboards with a target, and a
// 6.1 pair whose dashboards are reshaped and edited in Superset's own editor.
import { inject } from 'vitest';
import type { StartOptions, SupersetInfo, SupersetVersion } from '@superset-git/harness';

export const COMPAT_RELEASES: readonly SupersetVersion[] = ['4.1.4', '5.0.0', '6.0.0', '6.1.0'];

const short = (version: SupersetVersion) => version.replace(/\.\d+$/, '').replace('.', '');

/** Ports 18241–18299, away from the main suite's (18088/18089) and the demo's (8088). */
export const COMPAT_SUPERSETS: Record<string, StartOptions> = {
  ...Object.fromEntries(
    COMPAT_RELEASES.flatMap((version, index) => [
      [
        `dev-${version}`,
        { name: `compat-${short(version)}-dev`, port: 18241 + index * 10, version, template: 'seeded' },
      ],
      [
        `prod-${version}`,
        { name: `compat-${short(version)}-prod`, port: 18242 + index * 10, version, template: 'empty' },
      ],
    ]),
  ),
  /** Where dashboards of the older releases are deployed to 6.1. */
  cross: { name: 'compat-61-cross', port: 18281, version: '6.1.0', template: 'empty' },
  examples: { name: 'compat-examples', port: 18283, version: '6.1.0', template: 'examples' },
  examplesTarget: { name: 'compat-examples-prod', port: 18284, version: '6.1.0', template: 'empty' },
  /** Dashboards laid out in every shape and edited through Superset's frontend, and their target. */
  editor: { name: 'compat-editor', port: 18285, version: '6.1.0', template: 'seeded' },
  editorTarget: { name: 'compat-editor-prod', port: 18286, version: '6.1.0', template: 'empty' },
};

declare module 'vitest' {
  export interface ProvidedContext {
    compatSupersets: Record<string, SupersetInfo>;
  }
}

export function compatSuperset(key: string): SupersetInfo {
  const info = inject('compatSupersets')[key];
  if (!info) throw new Error(`no compat Superset '${key}'`);
  return info;
}
