import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  applyDatabaseMigrations,
  rollbackDatabaseMigrations,
} from './migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const migrationConfig = {
  directory: resolvePackagePath(
    '@internal/plugin-release-scorecard-backend',
    'migrations',
  ),
  tableName: 'release_scorecard_knex_migrations',
};

describe.each(databases.eachSupportedId())('migrations on %s', databaseId => {
  it('step down and up again without losing the evidence', async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    await applyDatabaseMigrations(knex);
    await knex('deployments').insert({
      entity_ref: 'component:default/payments-api',
      source: 'api',
      external_id: 'd1',
      environment: 'production',
      revision: 'abc',
      strategy: 'canary',
      gitops: true,
      status: 'succeeded',
      started_at: 1,
      finished_at: 2,
      received_at: 3,
      updated_at: 3,
    });
    await knex('entity_scorecards').insert({
      entity_ref: 'component:default/payments-api',
      evaluated_at: 3,
      readiness: 'unknown',
      readiness_detail: '{}',
      facts: '{}',
      config_digest: 'x',
    });

    // Down one step: the precomputed compliance totals go.
    await knex.migrate.down(migrationConfig);
    expect(await knex.schema.hasTable('compliance_totals')).toBe(false);
    expect(await knex.schema.hasTable('entity_scorecards')).toBe(true);

    // Down another: the scorecard tables go, the evidence stays.
    await knex.migrate.down(migrationConfig);
    expect(await knex.schema.hasTable('entity_scorecards')).toBe(false);
    expect(await knex('deployments').select('external_id')).toEqual([
      { external_id: 'd1' },
    ]);

    // And up again: the tables are back, empty, the evidence untouched.
    await applyDatabaseMigrations(knex);
    const [{ n }] = await knex('entity_scorecards').count({ n: '*' });
    expect(Number(n)).toBe(0);
    expect(await knex.schema.hasTable('compliance_totals')).toBe(true);
    expect(await knex('deployments').select('external_id')).toEqual([
      { external_id: 'd1' },
    ]);

    await rollbackDatabaseMigrations(knex);
    expect(await knex.schema.hasTable('deployments')).toBe(false);
  });
});
