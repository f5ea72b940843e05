// A deploy plan in the terminal names the other dashboards a deploy reaches and what would settle a problem.
import { describe, expect, it } from 'vitest';
import { planText } from './plan-text.ts';

const plain = { green: String, red: String, yellow: String, dim: String, bold: String };

describe('the deploy plan in a terminal', () => {
  it('says which other dashboards use an updated dataset, and the fixes a problem offers', () => {
    const text = planText(
      'Plan for prod',
      {
        items: [
          {
            objectType: 'dataset',
            uuid: 'dededede-0000-4000-8000-000000000000',
            name: 'sales',
            action: 'update',
            path: 'datasets/examples/sales.yaml',
            changes: [],
            before: null,
            after: null,
            usedBy: [
              { id: 3, title: 'Customers' },
              { id: 9, title: 'EMEA weekly' },
            ],
          },
        ],
        errors: [
          {
            path: 'databases/examples.yaml',
            message: "The target has another database named 'examples'",
            fixes: [{ label: "Use the target's database 'examples'" }],
          },
        ],
        warnings: [],
        targetVersion: null,
        summary: { create: 0, update: 1, unchanged: 0, 'delete-on-target': 0 },
      },
      plain,
    );
    expect(text).toContain("! dataset 'sales' is also used by 'Customers', 'EMEA weekly' on the target");
    expect(text).toContain("possible fix in the deploy settings: Use the target's database 'examples'");
  });
});
