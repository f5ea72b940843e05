import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SupersetClient } from '@superset-git/superset';
import { commitAuthors, committedObjects, personOfEditor, withCoAuthors } from './commit-authors.ts';
import { askEditors } from './sync-editors.ts';

const ME = { name: 'Pat Committer', email: 'pat@example.com' };
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-authors-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function file(name: string, uuid: string) {
  fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
  fs.writeFileSync(path.join(root, name), `slice_name: x\nuuid: ${uuid}\n`);
}
const changed = (name: string, staged = false) => ({
  path: name,
  originalPath: null,
  staged: staged ? ('modified' as const) : null,
  unstaged: staged ? null : ('modified' as const),
  untracked: false,
  conflict: null,
});

describe('who a commit of synced changes names', () => {
  it('names a Superset user by name and an address that can never receive mail, whatever their name holds', () => {
    expect(personOfEditor({ id: 7, name: 'Eve\nCo-authored-by: X <x@y>', changedAt: '' })).toEqual({
      name: 'Eve Co-authored-by: X x@y',
      email: 'superset-user-7@superset.invalid',
    });
  });

  it('lists the other editors as Co-authored-by trailers after the message', () => {
    expect(withCoAuthors('Edit charts', [{ name: 'Bo', email: 'superset-user-2@superset.invalid' }])).toBe(
      'Edit charts\n\nCo-authored-by: Bo <superset-user-2@superset.invalid>\n',
    );
    expect(withCoAuthors('Edit charts', [])).toBe('Edit charts');
  });

  it('looks at the chosen and staged objects only, not metadata or deleted files', () => {
    file('charts/a.yaml', '11111111-1111-1111-1111-111111111111');
    file('charts/b.yaml', '22222222-2222-2222-2222-222222222222');
    file('datasets/db/t.yaml', '33333333-3333-3333-3333-333333333333');
    file('metadata.yaml', '44444444-4444-4444-4444-444444444444');
    const files = [
      changed('charts/a.yaml'),
      changed('charts/b.yaml'),
      changed('datasets/db/t.yaml', true),
      changed('metadata.yaml'),
      changed('charts/gone.yaml'),
    ];
    expect(committedObjects(root, files, ['charts/a.yaml'])).toEqual([
      { kind: 'chart', uuid: '11111111-1111-1111-1111-111111111111' },
      { kind: 'dataset', uuid: '33333333-3333-3333-3333-333333333333' },
    ]);
    expect(committedObjects(root, files).map((object) => object.kind)).toEqual(['chart', 'chart', 'dataset']);
  });

  it('makes the latest editor of the committed objects the author and the others co-authors, each once', () => {
    const sam = { id: 2, name: 'Sam Editor', changedAt: '2026-12-02T10:00:00' };
    const ada = { id: 1, name: 'Ada Admin', changedAt: '2026-12-02T09:00:00' };
    const editors = new Map([
      ['a', sam],
      ['b', { ...ada, changedAt: '2026-12-02T08:00:00' }],
      ['c', ada],
      ['d', { id: 3, name: 'Not committed', changedAt: '2026-12-02T11:00:00' }],
    ]);
    const objects = ['a', 'b', 'c', 'e'].map((uuid) => ({ kind: 'chart' as const, uuid }));
    expect(commitAuthors(editors, objects, ME)).toEqual({
      author: personOfEditor(sam),
      committer: ME,
      coAuthors: [personOfEditor(ada)],
    });
  });

  it('falls back to the committer as author when nobody is known for the committed objects', () => {
    expect(commitAuthors(new Map(), [{ kind: 'chart', uuid: 'a' }], ME)).toEqual({
      author: ME,
      committer: ME,
      coAuthors: [],
    });
  });

  it('knows nobody, without failing the sync, when Superset cannot be asked', async () => {
    const client = new SupersetClient(
      { url: 'http://127.0.0.1:9', username: 'a', password: 'b', provider: 'db', verifyTls: true },
      { timeoutMs: 2000 },
    );
    expect(
      await askEditors(client, [{ kind: 'chart', uuid: '11111111-1111-1111-1111-111111111111' }]),
    ).toEqual(new Map());
    await client.close();
  });
});
