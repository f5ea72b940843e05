// Conflicts of a merge field by field: which object a conflicted file is, the fields both sides changed
// differently (as display text), and a person's choice for each field when resolving.
import { z } from 'zod';
import { ObjectType } from './dashboard-repo.ts';
import { ConflictFile, ConflictResolution } from './git.ts';

export const FieldConflict = z
  .object({
    /** Where in the file: `cache_timeout`, `position.CHART-x.meta.width`, `metadata.native_filter_configuration[F-1].name`. */
    path: z.string(),
    /** Each side's value as YAML text (`300`, `Units sold`); null when the field is not there on that side. */
    base: z.string().nullable(),
    mine: z.string().nullable(),
    theirs: z.string().nullable(),
  })
  .meta({ id: 'FieldConflict' });
export type FieldConflict = z.infer<typeof FieldConflict>;

export const ConflictObject = z
  .object({
    type: ObjectType,
    uuid: z.string().nullable(),
    /** slice_name, table_name, dashboard_title or database_name. */
    name: z.string().nullable(),
  })
  .meta({ id: 'ConflictObject' });
export type ConflictObject = z.infer<typeof ConflictObject>;

/** A conflicted file, with its object and, when it merges field by field, the fields left in conflict. */
export const ConflictFileDetail = ConflictFile.extend({
  object: ConflictObject.nullable(),
  /** Empty for a file only a text merge can resolve (it does not parse, or is gone on one side). */
  fields: z.array(FieldConflict),
}).meta({ id: 'ConflictFileDetail' });
export type ConflictFileDetail = z.infer<typeof ConflictFileDetail>;

export const ConflictList = z
  .object({ merging: z.boolean(), conflicts: z.array(ConflictFileDetail) })
  .meta({ id: 'ConflictList' });
export type ConflictList = z.infer<typeof ConflictList>;

export const FieldChoice = z
  .object({
    path: z.string().min(1).max(2000),
    choice: z.enum(['mine', 'theirs', 'value']),
    /** For `value`: the field's value as YAML text (`450`, `'Units sold (EU)'`); empty removes the field. */
    value: z.string().max(1_000_000).optional(),
  })
  .meta({ id: 'FieldChoice' });
export type FieldChoice = z.infer<typeof FieldChoice>;

/** Resolve one file: mine, theirs, given content, or field by field (`fields` then holds a choice for each). */
export const ResolveRequest = z
  .object({
    path: z.string().min(1).max(1000),
    resolution: z.enum([...ConflictResolution.options, 'fields']),
    content: z.string().max(10_000_000).optional(),
    fields: z.array(FieldChoice).max(10_000).optional(),
  })
  .meta({ id: 'ResolveRequest' });
export type ResolveRequest = z.infer<typeof ResolveRequest>;
