// Everything Superset-specific: the REST client for every supported release, bundles (read, normalize,
// denormalize), the layout of a dashboard's repository, and the deploy planner.
export * from './superset-error.ts';
export * from './superset-client.ts';
export * from './dashboards-api.ts';
export * from './dashboards-by-id.ts';
export * from './identity-api.ts';
export { testConnection } from './connection-test.ts';
export { rison } from './rison.ts';
export { BundleError } from './bundle/bundle-error.ts';
export { readBundle, writeBundle } from './bundle/bundle-zip.ts';
export { normalizeBundle, type NormalizedTree } from './bundle/bundle-normalize.ts';
export { denormalizeTree, type DenormalizedBundle } from './bundle/bundle-denormalize.ts';
export { fromYaml as parseBundleYaml, toYaml as bundleYaml } from './bundle/yaml-text.ts';
export { dashboardIdOf, exportDashboardBundle, importDashboardBundle } from './dashboard-bundle-api.ts';
export {
  isManagedPath,
  objectNameOf,
  objectTypeOfPath,
  pathsOfObjectsNamed,
} from './repo-layout/repo-paths.ts';
export { keepExistingNames, readTree, writeTree, type TreeWriteResult } from './repo-layout/tree-files.ts';
export { objectChanges, objectDifferences, type ObjectChanges } from './repo-layout/tree-changes.ts';
export { importChanges, supersetEdited } from './repo-layout/tree-import.ts';
export { listDatabases } from './deploy/target-api.ts';
export { applyOverrides, type DeployOverrides } from './deploy/deploy-overrides.ts';
export { reverseOverrides, type ReversedTree } from './deploy/reverse-overrides.ts';
export { type DeployProblem } from './deploy/deploy-checks.ts';
export { type NewerSince } from './deploy/target-newer.ts';
export { removeCreated } from './deploy/target-cleanup.ts';
export { summarizeChange } from './semantic/change-summary.ts';
export { treeNames, type NameLookup } from './semantic/names.ts';
export {
  planDeploy,
  importIntoTarget,
  restoreSnapshot,
  targetTree,
  DeployImportError,
} from './deploy/deploy-target.ts';
export {
  lastEditors,
  type AuthoredKind,
  type AuthoredObject,
  type SupersetEditor,
} from './last-editors-api.ts';
export { targetDrift } from './deploy/target-drift.ts';
export type { TreeDrift } from './deploy/object-diff.ts';
export { editedSince, supersetTime, type EditedKind, type EditedObject } from './deploy/target-edits.ts';
export { SUPPORTED_RELEASES } from './versions/superset-release.ts';
export {
  changedOnIso,
  changedOnMicros,
  changedSince,
  newestChanges,
  changeMarks,
  WATCHED_TYPES,
  type ChangedOnRow,
  type WatchedType,
} from './changed-on-api.ts';
export { objectsOf, type TreeObject } from './repo-layout/tree-objects.ts';
export { mergeYamlFile, valueText, type MergedObject, type YamlMergeResult } from './merge/yaml-merge.ts';
export type { FieldChoice, FieldConflict } from './merge/value-merge.ts';
export { MINE_MARKER, SPLIT_MARKER, THEIRS_MARKER } from './merge/conflict-markers.ts';
export {
  GITATTRIBUTES_FILE,
  GITATTRIBUTES_TEXT,
  MERGE_DRIVER_NAME,
  writeMergeAttributes,
} from './repo-layout/merge-attributes.ts';
export { fieldConflictLine, objectLabel, parseFieldValue, shortValue } from './merge/conflict-text.ts';
