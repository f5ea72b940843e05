// Problems that stop a deploy before anything is imported, found from the bundle and what the target has.
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { objectsOf } from './deploy-plan.ts';
import { hasMaskedPassword } from './deploy-overrides.ts';
import type { TargetDatabase } from './target-api.ts';

export interface DeployProblem {
  path: string | null;
  message: string;
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
      problems.push({
        path: object.path,
        message: `The target has another database named '${object.name}'; map this one to it or rename one of them.`,
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
