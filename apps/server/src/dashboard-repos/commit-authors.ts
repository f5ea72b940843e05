// Who a commit of synced changes names. The changes were made in Superset, so its author is the Superset user
// who last changed the committed objects (the others as `Co-authored-by:` trailers), and its committer the
// superset-git user who pressed Commit. Superset's list APIs give no email: a Superset user is
// `superset-user-<id>@superset.invalid` (their id on the dashboard's environment; `.invalid` can never be
// delivered to). When Superset cannot say (unreachable, refused, no user recorded), the committer is the author.
import fs from 'node:fs';
import path from 'node:path';
import type { GitPerson, StatusFile } from '@superset-git/contracts';
import {
  lastEditors,
  objectTypeOfPath,
  type AuthoredKind,
  type AuthoredObject,
  type SupersetClient,
  type SupersetEditor,
} from '@superset-git/superset';

export interface CommitAuthors {
  author: GitPerson;
  committer: GitPerson;
  coAuthors: GitPerson[];
}

/** Superset is asked for at most this long: a commit does not wait on a slow instance. */
const EDITORS_TIMEOUT_MS = 15_000;

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

/** The dashboard, charts and datasets whose files the commit records (staged, or chosen), still in the work tree. */
export function committedObjects(root: string, files: StatusFile[], paths?: string[]): AuthoredObject[] {
  const objects: AuthoredObject[] = [];
  for (const file of files) {
    if (file.staged === null && !selected(file.path, paths)) continue;
    const kind = objectTypeOfPath(file.path);
    if (!EDITED_KINDS.has(kind)) continue;
    const full = path.join(root, file.path);
    if (!fs.existsSync(full)) continue;
    const uuid = fs.readFileSync(full, 'utf8').match(/^uuid: '?([0-9a-fA-F-]{36})'?$/m)?.[1];
    if (uuid) objects.push({ kind: kind as AuthoredKind, uuid });
  }
  return objects;
}

/** The Superset users who last changed `objects`, newest first; none when Superset cannot say. */
async function editorsOf(client: SupersetClient, objects: AuthoredObject[]): Promise<SupersetEditor[]> {
  if (objects.length === 0) return [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<SupersetEditor[]>((resolve) => {
    timer = setTimeout(() => resolve([]), EDITORS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([lastEditors(client, objects).catch(() => []), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function commitAuthors(
  client: SupersetClient,
  objects: AuthoredObject[],
  committer: GitPerson,
): Promise<CommitAuthors> {
  const [latest, ...others] = (await editorsOf(client, objects)).map(personOfEditor);
  return { author: latest ?? committer, committer, coAuthors: others };
}

/** The message with a `Co-authored-by:` trailer per other editor, in a trailer block of its own. */
export function withCoAuthors(message: string, coAuthors: GitPerson[]): string {
  if (coAuthors.length === 0) return message;
  const trailers = coAuthors.map((person) => `Co-authored-by: ${person.name} <${person.email}>`);
  return `${message.trim()}\n\n${trailers.join('\n')}\n`;
}
