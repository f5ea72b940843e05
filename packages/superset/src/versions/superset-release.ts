// Which Superset release an instance runs, and what that release's REST API does differently. superset-git
// supports 4.1, 5.0, 6.0 and 6.1; a release it does not know is treated as the nearest one it does.
import { IMPORT_FIELDS, type ImportFields } from './import-fields.ts';

export const SUPPORTED_RELEASES = ['4.1', '5.0', '6.0', '6.1'] as const;
export type SupportedRelease = (typeof SUPPORTED_RELEASES)[number];

export interface SupersetRelease {
  /** As the instance says it, e.g. `5.0.0`; null when it would not say. */
  version: string | null;
  /** The supported release whose behaviour applies (the newest known one when the version is unknown). */
  line: SupportedRelease;
  /** Set when the version is older than the oldest supported release. */
  unsupported: boolean;
}

function numbers(version: string): [number, number] | null {
  const match = version.match(/^v?(\d+)\.(\d+)/);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

const order = (line: SupportedRelease): [number, number] => numbers(line)!;
const before = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

export function releaseOf(version: string | null): SupersetRelease {
  const parsed = version ? numbers(version) : null;
  if (!parsed) return { version, line: '6.1', unsupported: false };
  const known = [...SUPPORTED_RELEASES].reverse().find((line) => !before(parsed, order(line)));
  return { version, line: known ?? '4.1', unsupported: known === undefined };
}

const atLeast = (release: SupersetRelease, line: SupportedRelease) =>
  !before(order(release.line), order(line));

/** `GET /api/v1/me/` answers a token (JWT) client; 4.1, 5.0 and 6.0 answer it 401 even after a good login. */
export const answersMe = (release: SupersetRelease): boolean => atLeast(release, '6.1');

/** `GET /api/v1/chart/` and `/api/v1/dataset/` take `uuid` as a filter column (4.1 and 5.0 answer 400). */
export const filtersByUuid = (release: SupersetRelease): boolean => atLeast(release, '6.0');

/**
 * A dashboard import with overwrite unlinks the charts its bundle no longer holds (6.1); older releases only
 * add links, so a chart removed from the dashboard stays on it until it is detached.
 */
export const importUnlinksCharts = (release: SupersetRelease): boolean => atLeast(release, '6.1');

/** The fields this release's importers accept. */
export const importFieldsOf = (release: SupersetRelease): ImportFields => IMPORT_FIELDS[release.line];
