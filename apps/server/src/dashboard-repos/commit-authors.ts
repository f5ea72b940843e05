// Who a commit of synced changes names. The changes were made in Superset, so its author is the Superset user
// who last changed the committed objects (the others as `Co-authored-by:` trailers), and its committer the
// superset-git user who pressed Commit. Superset's list APIs give no email: a Superset user is
// `superset-user-<id>@superset.invalid` (their id on the dashboard's environment; `.invalid` can never be
// delivered to). Who changed what was learned at sync (sync-editors.ts); when nobody is known (Superset could not
// say, or the files changed otherwise), the committer is the author.
import fs from 'node:fs';
import path from 'node:path';
import type { GitPerson, StatusFile } from '@superset-git/contracts';
import {
  objectTypeOfPath,
  type AuthoredKind,
  type AuthoredObject,
  type SupersetEditor,
} from '@superset-git/superset';

export interface CommitAuthors {
  author: GitPerson;
  committer: GitPerson;
  coAuthors: GitPerson[];
}

const EDITED_KINDS: ReadonlySet<string> = new Set<AuthoredKind>(['dashboard', 'chart', 'dataset']);

export const personOfEditor = (editor: SupersetEditor): GitPerson => ({
  // A name is free text in Superset: no line break may start a trailer, no angle bracket end a name.
  name:
    editor.name
      .replace(/[<>\r\n]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || `Superset user ${editor.id}`,
  email: `superset-user-${editor.id}@superset.invalid`,
});

const selected = (file: string, paths: string[] | undefined) =>
  paths === undefined ||
  paths.some((chosen) => file === chosen || file.startsWith(`${chosen.replace(/\/$/, '')}/`));

/** The dashboard, charts and datasets these work-tree files hold (files that are gone hold none). */
export function objectsInFiles(root: string, files: string[]): AuthoredObject[] {
  const objects: AuthoredObject[] = [];
  for (const file of files) {
    const kind = objectTypeOfPath(file);
    if (!EDITED_KINDS.has(kind)) continue;
    const full = path.join(root, file);
    if (!fs.existsSync(full)) continue;
    const uuid = fs.readFileSync(full, 'utf8').match(/^uuid: '?([0-9a-fA-F-]{36})'?$/m)?.[1];
    if (uuid) objects.push({ kind: kind as AuthoredKind, uuid });
  }
  return objects;
}

/** The dashboard, charts and datasets whose files the commit records (staged, or chosen), still in the work tree. */
export function committedObjects(root: string, files: StatusFile[], paths?: string[]): AuthoredObject[] {
  return objectsInFiles(
    root,
    files.filter((file) => file.staged !== null || selected(file.path, paths)).map((file) => file.path),
  );
}

/** The people who last changed `objects` (as `editors` knows them), each once, the most recent author first. */
export function commitAuthors(
  editors: Map<string, SupersetEditor>,
  objects: AuthoredObject[],
  committer: GitPerson,
): CommitAuthors {
  const people = new Map<number, SupersetEditor>();
  for (const { uuid } of objects) {
    const editor = editors.get(uuid);
    if (!editor) continue;
    const known = people.get(editor.id);
    if (!known || known.changedAt < editor.changedAt) people.set(editor.id, editor);
  }
  const [latest, ...others] = [...people.values()]
    .sort((a, b) => b.changedAt.localeCompare(a.changedAt))
    .map(personOfEditor);
  return { author: latest ?? committer, committer, coAuthors: others };
}

/** The message with a `Co-authored-by:` trailer per other editor, in a trailer block of its own. */
export function withCoAuthors(message: string, coAuthors: GitPerson[]): string {
  if (coAuthors.length === 0) return message;
  const trailers = coAuthors.map((person) => `Co-authored-by: ${person.name} <${person.email}>`);
  return `${message.trim()}\n\n${trailers.join('\n')}\n`;
}
