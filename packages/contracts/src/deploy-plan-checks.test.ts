// A plan's one-click fixes become deploy settings without losing what was saved before.
import { describe, expect, it } from 'vitest';
import { DeploySettingsInput, type DeploySettings } from './deploy.ts';
import { settingsWithFix } from './deploy-plan-checks.ts';

const BUNDLE_DB = 'dbdbdbdb-0000-4000-8000-000000000000';
const PROD_DB = 'fefefefe-0000-4000-8000-000000000000';
const OTHER_DB = 'abababab-0000-4000-8000-000000000000';

const saved: DeploySettings = {
  databases: [
    {
      databaseUuid: OTHER_DB,
      sqlalchemyUri: 'postgresql://bi@prod/dw',
      passwordHint: '••••t-pw',
      targetDatabaseUuid: null,
      databaseName: null,
    },
  ],
  datasetSchema: 'analytics',
  dashboardSlug: null,
  dashboardTitle: 'Sales (prod)',
  protected: true,
  allowedBranch: 'release',
  driftCheckMinutes: 30,
};

describe('applying a plan fix to the saved deploy settings', () => {
  it("adopting the target's database adds a mapping and keeps every other setting as saved", () => {
    const next = settingsWithFix(saved, {
      kind: 'adopt-database',
      label: 'Use it',
      databaseUuid: BUNDLE_DB,
      targetDatabaseUuid: PROD_DB,
    });
    expect(DeploySettingsInput.parse(next)).toEqual({
      ...saved,
      databases: [
        { databaseUuid: OTHER_DB, sqlalchemyUri: 'postgresql://bi@prod/dw' },
        { databaseUuid: BUNDLE_DB, targetDatabaseUuid: PROD_DB },
      ],
    });
  });

  it('renaming replaces an earlier adoption of the same database, and a slug fix sets only the slug', () => {
    const adopted = {
      ...saved,
      databases: [{ ...saved.databases[0]!, targetDatabaseUuid: PROD_DB }],
    };
    const renamed = settingsWithFix(adopted, {
      kind: 'rename-database',
      label: 'Rename',
      databaseUuid: OTHER_DB,
      databaseName: 'warehouse-2',
    });
    expect(renamed.databases).toEqual([
      { databaseUuid: OTHER_DB, sqlalchemyUri: 'postgresql://bi@prod/dw', databaseName: 'warehouse-2' },
    ]);
    const slug = settingsWithFix(saved, { kind: 'dashboard-slug', label: 'Slug', dashboardSlug: 'sales-2' });
    expect(slug).toMatchObject({ dashboardSlug: 'sales-2', datasetSchema: 'analytics', protected: true });
  });
});
