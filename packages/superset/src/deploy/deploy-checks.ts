// Problems that stop a deploy before anything is imported, found from the bundle and what the target has.
import type { PlanFix } from '@superset-git/contracts';
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { objectsOf } from '../repo-layout/tree-objects.ts';
import { hasMaskedPassword } from './deploy-overrides.ts';
import type { TargetDatabase, TargetDataset } from './target-api.ts';

export interface DeployProblem {
  path: string | null;
  message: string;
  /** Deploy settings that settle it. */
  fixes?: PlanFix[];
}

/** `name-2`, `name-3`, … : the first the target does not use yet. */
export function freeName(name: string, taken: (candidate: string) => boolean): string {
  for (let n = 2; ; n += 1) if (!taken(`${name}-${n}`)) return `${name}-${n}`;
}

/**
 * A database the target already has under another uuid but the same name would be refused by Superset's import;
 * a database new on the target whose password the export masked cannot connect without the real one.
 */
export function databaseProblems(
  tree: NormalizedTree,
  targetDatabases: TargetDatabase[],
  hasPassword: (databaseUuid: string) => boolean,
): DeployProblem[] {
  const problems: DeployProblem[] = [];
  for (const object of objectsOf(tree).values()) {
    if (object.type !== 'database') continue;
    const sameName = targetDatabases.find((database) => database.name === object.name);
    if (sameName && sameName.uuid !== object.uuid) {
      const renamed = freeName(object.name ?? 'database', (name) =>
        targetDatabases.some((database) => database.name === name),
      );
      problems.push({
        path: object.path,
        message: `The target has another database named '${object.name}' (uuid ${sameName.uuid}); use that one for this dashboard's datasets, or create this one under another name.`,
        fixes: [
          {
            kind: 'adopt-database',
            label: `Use the target's database '${object.name}'`,
            databaseUuid: object.uuid,
            targetDatabaseUuid: sameName.uuid,
          },
          {
            kind: 'rename-database',
            label: `Create it as '${renamed}'`,
            databaseUuid: object.uuid,
            databaseName: renamed,
          },
        ],
      });
    }
    const known = targetDatabases.some((database) => database.uuid === object.uuid);
    if (!known && hasMaskedPassword(String(object.value.sqlalchemy_uri ?? '')) && !hasPassword(object.uuid)) {
      problems.push({
        path: object.path,
        message: `Database '${object.name}' is new on the target and needs its password in this environment's deploy settings.`,
      });
    }
  }
  return problems;
}

/**
 * A dataset new on the target whose table the target already has as another dataset: in the same database and
 * schema Superset cannot hold both (the import fails); in another database, a Superset whose metadata database
 * is SQLite refuses it too (its `tables.table_name` is unique there, and the import fails with "unknown reason").
 */
export function datasetProblems(
  tree: NormalizedTree,
  targetDatasets: TargetDataset[],
): { errors: DeployProblem[]; warnings: DeployProblem[] } {
  const errors: DeployProblem[] = [];
  const warnings: DeployProblem[] = [];
  const objects = objectsOf(tree);
  const known = new Set(targetDatasets.map((dataset) => dataset.uuid));
  for (const object of objects.values()) {
    if (object.type !== 'dataset' || known.has(object.uuid)) continue;
    const database = objects.get(String(object.value.database_uuid ?? ''))?.name ?? null;
    const schema = (object.value.schema as string | null | undefined) ?? null;
    for (const other of targetDatasets.filter((dataset) => dataset.tableName === object.name)) {
      const where = `database '${other.databaseName ?? '?'}'${other.schema ? `, schema '${other.schema}'` : ''}`;
      if (other.databaseName === database && other.schema === schema)
        errors.push({
          path: object.path,
          message: `The target already has table '${object.name}' of ${where} as another dataset (uuid ${other.uuid}); Superset cannot hold both. Deploy that one's dashboard from git, or rename one of them.`,
        });
      else
        warnings.push({
          path: object.path,
          message: `The target has a dataset '${object.name}' of ${where} too; a Superset whose metadata database is SQLite refuses a second table of that name (its import fails with "unknown reason").`,
        });
    }
  }
  return { errors, warnings };
}
