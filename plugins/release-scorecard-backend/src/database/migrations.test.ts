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

    // Down one step: the collectors' state goes.
    await knex.migrate.down(migrationConfig);
    expect(await knex.schema.hasTable('collector_state')).toBe(false);

    // Down another: "failing since" goes.
    await knex.migrate.down(migrationConfig);
    expect(await knex.schema.hasColumn('rule_results', 'failing_since')).toBe(
      false,
    );

    // Down another: the review fixes' column goes, the evidence stays.
    await knex.migrate.down(migrationConfig);
    expect(await knex.schema.hasColumn('incidents', 'reopened_at')).toBe(false);

    // Down another: the precomputed compliance totals go.
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

  it('fixes data stored before the review: shas in lower case, gates without a verdict', async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    await knex.migrate.up({
      ...migrationConfig,
      name: '20261122000000_evidence.js',
    });
    await knex.migrate.up({
      ...migrationConfig,
      name: '20261122010000_scorecards.js',
    });
    await knex.migrate.up({
      ...migrationConfig,
      name: '20261122020000_compliance_totals.js',
    });
    const [{ pk }] = await knex('deployments')
      .insert({
        entity_ref: 'component:default/a',
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
      })
      .returning('pk');
    await knex('deployment_commits').insert([
      { deployment_pk: pk, sha: 'ABCDEF1', committed_at: 1 },
      { deployment_pk: pk, sha: 'abcdef1', committed_at: 1 },
      { deployment_pk: pk, sha: 'Fe12', committed_at: 1 },
      { deployment_pk: pk, sha: 'FE12', committed_at: 1 },
      { deployment_pk: pk, sha: 'C0FFEE', committed_at: 1 },
    ]);
    const run = (id: string, reports: object, gates: object) => ({
      entity_ref: 'component:default/a',
      external_id: id,
      source: 'cobertura',
      revision: id,
      started_at: 1,
      gates: JSON.stringify(gates),
      gate_reports: JSON.stringify(reports),
      received_at: 1,
      updated_at: 1,
    });
    await knex('pipeline_runs').insert([
      run(
        'coverage-only',
        {
          'unit-tests': {
            cobertura: { metrics: { coverage: 0.12 }, reportedAt: 1 },
          },
        },
        [{ gate: 'unit-tests', status: 'passed', metrics: { coverage: 0.12 } }],
      ),
      run(
        'with-junit',
        {
          'unit-tests': {
            cobertura: { metrics: { coverage: 0.9 }, reportedAt: 1 },
            junit: { status: 'passed', reportedAt: 1 },
          },
        },
        [{ gate: 'unit-tests', status: 'passed', metrics: { coverage: 0.9 } }],
      ),
    ]);

    await applyDatabaseMigrations(knex);

    expect(
      (await knex('deployment_commits').orderBy('sha').select('sha')).map(
        row => row.sha,
      ),
    ).toEqual(['abcdef1', 'c0ffee', 'fe12']);
    const gates = Object.fromEntries(
      (await knex('pipeline_runs').select('external_id', 'gates')).map(row => [
        row.external_id,
        JSON.parse(row.gates)[0].status,
      ]),
    );
    expect(gates).toEqual({
      'coverage-only': 'no-verdict',
      'with-junit': 'passed',
    });
  });

  it('fills "failing since" from the recorded status changes', async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    for (const name of [
      '20261122000000_evidence.js',
      '20261122010000_scorecards.js',
      '20261122020000_compliance_totals.js',
      '20261129000000_review_fixes.js',
    ]) {
      await knex.migrate.up({ ...migrationConfig, name });
    }
    const result = (rule: string, status: string) => ({
      entity_ref: 'component:default/a',
      rule_id: rule,
      status,
      detail: '{}',
      evaluated_at: 500,
    });
    await knex('rule_results').insert([
      result('failing-again', 'fail'),
      result('failing-from-the-start', 'fail'),
      result('passing', 'pass'),
      result('no-history', 'fail'),
    ]);
    const change = (
      rule: string,
      from: string | null,
      to: string,
      at: number,
    ) => ({
      entity_ref: 'component:default/a',
      rule_id: rule,
      from_status: from,
      to_status: to,
      changed_at: at,
    });
    await knex('rule_status_changes').insert([
      change('failing-again', null, 'fail', 100),
      change('failing-again', 'fail', 'pass', 200),
      change('failing-again', 'pass', 'fail', 300),
      change('failing-from-the-start', null, 'fail', 100),
      change('passing', null, 'fail', 100),
      change('passing', 'fail', 'pass', 150),
    ]);

    await applyDatabaseMigrations(knex);

    const rows = await knex('rule_results')
      .orderBy('rule_id')
      .select('rule_id', 'failing_since', 'failing_since_first_evaluation');
    expect(
      rows.map(row => [
        row.rule_id,
        row.failing_since === null ? null : Number(row.failing_since),
        Boolean(row.failing_since_first_evaluation),
      ]),
    ).toEqual([
      ['failing-again', 300, false],
      ['failing-from-the-start', 100, true],
      ['no-history', 500, false],
      ['passing', null, false],
    ]);
  });
});
