// A pull request's drafted title and description: what a reviewer reads first.
import { describe, expect, it } from 'vitest';
import type { NamedObjectChange } from './pull-request-draft.ts';
import { draftBody, draftTitle, readableBranch } from './pull-request-draft.ts';

const commit = (oid: string, subject: string) => ({
  oid,
  subject,
  author: { name: 'Ann', email: 'ann@example.com' },
  authoredAt: '2026-01-01T00:00:00Z',
});
const change = (
  type: NamedObjectChange['type'],
  kind: NamedObjectChange['change'],
  name: string,
  summary: string[] = [],
) => ({ type, change: kind, uuid: name, name, summary });

describe('the pull request draft', () => {
  it('titles one commit by its subject, several by the branch name made readable', () => {
    expect(draftTitle('restyle-orders', [commit('a'.repeat(40), 'Orders chart in blue')])).toBe(
      'Orders chart in blue',
    );
    const two = [commit('a'.repeat(40), 'One'), commit('b'.repeat(40), 'Two')];
    expect(draftTitle('feature/restyle_orders', two)).toBe('Restyle orders');
    expect(readableBranch('q3.release')).toBe('Q3 release');
  });

  it('lists the commits, one line per kind of object and change by name, then what changes inside each', () => {
    const body = draftBody(
      [commit('1234567890'.repeat(4), 'Restyle orders')],
      [
        change('chart', 'changed', 'Orders by month'),
        change('chart', 'changed', 'Revenue'),
        change('dataset', 'added', 'orders_daily'),
        change('chart', 'removed', 'Old KPI'),
        change('dashboard', 'changed', 'Sales', ["'Revenue' width 4 → 6", "'Revenue' moved before 'Orders'"]),
      ],
    );
    expect(body).toBe(
      [
        'Commits:',
        '- 1234567 Restyle orders',
        '',
        'Dashboard changed: Sales',
        'Charts changed: Orders by month, Revenue',
        'Chart removed: Old KPI',
        'Dataset added: orders_daily',
        '',
        'What changes:',
        "Dashboard 'Sales':",
        "- 'Revenue' width 4 → 6",
        "- 'Revenue' moved before 'Orders'",
        '',
      ].join('\n'),
    );
    expect(draftBody([], [])).toContain('No dashboard objects change.');
  });
});
