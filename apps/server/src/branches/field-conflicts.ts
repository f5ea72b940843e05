// The conflict screen's view of a conflicted file field by field (recomputed from the index stages, so it is the
// same whoever asks and however often), and its resolution from a person's choice for each field.
import type { ConflictFileDetail, ConflictFile, FieldChoice, ResolveRequest } from '@superset-git/contracts';
import { conflictVersions, resolveConflict, type Repo } from '@superset-git/git';
import {
  fieldConflictLine,
  mergeYamlFile,
  objectLabel,
  objectNameOf,
  objectTypeOfPath,
  parseFieldValue,
  valueText,
  type FieldChoice as EngineChoice,
} from '@superset-git/superset';
import { AppError } from '../http/app-error.ts';

export async function conflictDetail(repo: Repo, file: ConflictFile): Promise<ConflictFileDetail> {
  const versions = await conflictVersions(repo, file.path);
  const result = mergeYamlFile(versions);
  if (result.kind === 'text') {
    const type = objectTypeOfPath(file.path);
    const name = objectNameOf(file.path, versions.theirs) ?? objectNameOf(file.path, versions.mine);
    return { ...file, object: type === 'other' ? null : { type, uuid: null, name }, fields: [] };
  }
  return {
    ...file,
    object: result.object,
    fields: result.conflicts.map((conflict) => ({
      path: conflict.path,
      base: valueText(conflict.base),
      mine: valueText(conflict.mine),
      theirs: valueText(conflict.theirs),
    })),
  };
}

function engineChoice(choice: FieldChoice, label: string): EngineChoice {
  if (choice.choice !== 'value') return { side: choice.choice };
  try {
    return { value: parseFieldValue(choice.value ?? '') };
  } catch (error) {
    throw new AppError(
      'VALIDATION',
      `The value for ${label} · ${choice.path} is ${(error as Error).message}.`,
      {
        [choice.path]: 'not valid YAML',
      },
    );
  }
}

/** Writes the file merged with a choice for each conflicting field, and stages it; refuses a choice missing. */
export async function resolveFields(repo: Repo, input: ResolveRequest): Promise<void> {
  const versions = await conflictVersions(repo, input.path);
  const first = mergeYamlFile(versions);
  if (first.kind === 'text')
    throw new AppError(
      'VALIDATION',
      `${input.path} cannot be merged field by field (${first.reason}); keep mine, keep theirs or edit the text.`,
    );
  const label = objectLabel(first.object, input.path);
  const known = new Set(first.conflicts.map((conflict) => conflict.path));
  const unknown = (input.fields ?? []).filter((choice) => !known.has(choice.path));
  if (unknown.length > 0)
    throw new AppError(
      'VALIDATION',
      `${label} has no field conflict at ${unknown.map((choice) => choice.path).join(', ')}.`,
      Object.fromEntries(unknown.map((choice) => [choice.path, 'not in conflict'])),
    );
  const choices = new Map((input.fields ?? []).map((choice) => [choice.path, engineChoice(choice, label)]));
  const result = mergeYamlFile({ ...versions, choices });
  if (result.kind === 'text')
    throw new AppError('VALIDATION', `${input.path} no longer merges field by field.`);
  if (result.conflicts.length > 0)
    throw new AppError(
      'VALIDATION',
      `Choose for every field first: ${result.conflicts.map((conflict) => fieldConflictLine(first.object, input.path, conflict)).join('; ')}.`,
      Object.fromEntries(result.conflicts.map((conflict) => [conflict.path, 'needs a choice'])),
    );
  await resolveConflict(repo, { path: input.path, resolution: 'content', content: result.text });
}
