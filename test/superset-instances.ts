// The Superset instances the suite runs against, and how tests get at them.
import { inject } from 'vitest';
import type { SupersetInfo } from '@superset-git/harness';

export type { SupersetInfo };

declare module 'vitest' {
  export interface ProvidedContext {
    supersetDev: SupersetInfo;
    supersetProd: SupersetInfo;
  }
}

/** Ports away from the demo's 8088 so a running demo and the suite do not collide. */
export const TEST_SUPERSETS = {
  dev: { name: 'test-dev', port: 18088, extraDashboards: 101 },
  /** A second instance, the target of imports and deploys: its ids differ from dev's (see cleared-prod). */
  prod: { name: 'test-prod', port: 18089, extraDashboards: 0 },
} as const;

export function supersetDev(): SupersetInfo {
  return inject('supersetDev');
}

export function supersetProd(): SupersetInfo {
  return inject('supersetProd');
}
