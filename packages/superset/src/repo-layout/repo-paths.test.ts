import { describe, expect, it } from 'vitest';
import { isManagedPath, objectFileKey, objectFileName, pathsOfObjectsNamed } from './repo-paths.ts';

describe('the repository layout', () => {
  it('names an object’s file by its name and short uuid, and knows it again after a rename', () => {
    const file = objectFileName('chart', 'Total revenue (€)', '2d197a0b-1111-2222-3333-444455556666');
    expect(file).toBe('charts/total-revenue--2d197a0b.yaml');
    expect(objectFileKey(file)).toBe('charts/2d197a0b');
    expect(objectFileKey('charts/sales-by-month--2d197a0b.yaml')).toBe('charts/2d197a0b');
    expect(objectFileKey('README.md')).toBeNull();
  });

  it('owns the dashboard’s files and leaves everything else in the repository alone', () => {
    for (const path of [
      'metadata.yaml',
      'dashboard.yaml',
      'charts/a--1.yaml',
      'datasets/b.yaml',
      'other/x.yaml',
    ])
      expect(isManagedPath(path), path).toBe(true);
    for (const path of ['README.md', '.gitlab-ci.yml', 'docs/charts/a.yaml'])
      expect(isManagedPath(path), path).toBe(false);
  });

  it('finds objects by words of their name, passing over a file that does not parse', () => {
    const tree = new Map([
      ['dashboard.yaml', 'dashboard_title: Sales Overview\n'],
      ['charts/total-revenue--2d197a0b.yaml', 'slice_name: Total revenue\n'],
      ['charts/orders--1a2b3c4d.yaml', 'slice_name: Orders\n'],
      ['datasets/orders--5e6f7a8b.yaml', 'table_name: orders\n'],
      ['charts/broken--0f0f0f0f.yaml', '<<<<<<< HEAD\nslice_name: [\n'],
    ]);
    expect(pathsOfObjectsNamed(tree, 'ORDERS')).toEqual([
      'charts/orders--1a2b3c4d.yaml',
      'datasets/orders--5e6f7a8b.yaml',
    ]);
    expect(pathsOfObjectsNamed(tree, 'total rev')).toEqual(['charts/total-revenue--2d197a0b.yaml']);
    expect(pathsOfObjectsNamed(tree, 'sales')).toEqual(['dashboard.yaml']);
    expect(pathsOfObjectsNamed(tree, 'nothing like this')).toEqual([]);
  });
});
