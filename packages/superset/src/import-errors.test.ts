// Superset's import errors told per object by the path a person knows, nested field messages flattened.
import { describe, expect, it } from 'vitest';
import { byObjectName, flattenProblems } from './import-errors.ts';
import { SupersetError } from './superset-error.ts';

describe('import errors', () => {
  it('flattens nested field messages with list indexes', () => {
    expect(
      flattenProblems({
        columns: { '3': { datetime_format: ['Unknown field.'] } },
        folders: ['Unknown field.'],
      }),
    ).toEqual(['columns[3].datetime_format: Unknown field.', 'folders: Unknown field.']);
  });

  it("names the object and the repository's file instead of the bundle's", () => {
    const error = new SupersetError('SUPERSET_ERROR', 'Error importing dataset', {
      status: 422,
      details: {
        'datasets/sales_1.yaml': JSON.stringify({
          columns: { '0': { datetime_format: ['Unknown field.'] } },
        }),
      },
    });
    const files = new Map([['datasets/sales_1.yaml', 'table_name: sales\n']]);
    const told = byObjectName(
      error,
      'dataset',
      files,
      new Map([['datasets/sales_1.yaml', 'datasets/sales--eeeeeeee.yaml']]),
    );
    expect((told as Error).message).toBe(
      "Superset refused to import the datasets: dataset 'sales' (datasets/sales--eeeeeeee.yaml): columns[0].datetime_format: Unknown field.",
    );
  });
});
