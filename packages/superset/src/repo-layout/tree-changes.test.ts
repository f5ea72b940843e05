// Objects that differ between two trees, by name: what a branch comparison lists.
import { describe, expect, it } from 'vitest';
import { objectDifferences } from './tree-changes.ts';

const chart = (uuid: string, name: string, extra = '') => `slice_name: ${name}\nuuid: ${uuid}\n${extra}`;
const tree = (entries: Record<string, string>) => new Map(Object.entries(entries));
const A = 'aaaaaaaa-0000-0000-0000-000000000001';
const B = 'bbbbbbbb-0000-0000-0000-000000000002';
const C = 'cccccccc-0000-0000-0000-000000000003';

describe('object differences between two trees', () => {
  it('names charts added, changed and removed, matched by uuid whatever their files are called', () => {
    const base = tree({
      'charts/old-name--aaaaaaaa.yaml': chart(A, 'Revenue'),
      'charts/units--bbbbbbbb.yaml': chart(B, 'Units'),
      'metadata.yaml': 'version: 1.0.0\n',
    });
    const head = tree({
      'charts/revenue--aaaaaaaa.yaml': chart(A, 'Revenue', 'description: monthly\n'),
      'charts/orders--cccccccc.yaml': chart(C, 'Orders'),
      'metadata.yaml': 'version: 1.0.0\n',
    });
    expect(objectDifferences(base, head)).toEqual([
      {
        type: 'chart',
        uuid: C,
        name: 'Orders',
        change: 'added',
        basePath: null,
        headPath: 'charts/orders--cccccccc.yaml',
        summary: [],
      },
      {
        type: 'chart',
        uuid: A,
        name: 'Revenue',
        change: 'changed',
        basePath: 'charts/old-name--aaaaaaaa.yaml',
        headPath: 'charts/revenue--aaaaaaaa.yaml',
        summary: ["description set to 'monthly'"],
      },
      {
        type: 'chart',
        uuid: B,
        name: 'Units',
        change: 'removed',
        basePath: 'charts/units--bbbbbbbb.yaml',
        headPath: null,
        summary: [],
      },
    ]);
    expect(objectDifferences(head, head)).toEqual([]);
  });
});
