import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  DeploymentEvidence,
  IncidentEvidence,
  PipelineRunEvidence,
} from '../evidence';
import { bulkLoadEvidence, refreshPlannerStatistics } from './bulkLoadEvidence';
import { applyDatabaseMigrations } from './migrations';
import { createDatabaseStores } from './ReleaseScorecardStores';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const NOW = Date.parse('2026-11-01T00:00:00Z');

const deployments: DeploymentEvidence[] = Array.from(
  { length: 900 },
  (_, i) => ({
    entityRef: `component:default/service-${i % 3}`,
    source: 'api',
    id: `d${i}`,
    environment: 'production',
    revision: `r${i}`,
    strategy: 'canary',
    gitops: true,
    status: i % 10 === 0 ? 'failed' : 'succeeded',
    startedAt: NOW - i * 60_000,
    finishedAt: NOW - i * 60_000 + 30_000,
    commits: [
      { sha: `a${i}`, committedAt: NOW - i * 60_000 - 3_600_000 },
      { sha: `b${i}`, committedAt: NOW - i * 60_000 - 7_200_000 },
    ],
  }),
);
const runs: PipelineRunEvidence[] = Array.from({ length: 300 }, (_, i) => ({
  entityRef: `component:default/service-${i % 3}`,
  source: 'api',
  id: `run${i}`,
  revision: `r${i}`,
  startedAt: NOW - i * 60_000,
  gates: [
    {
      gate: 'unit-tests',
      source: 'api',
      status: 'passed',
      metrics: { coverage: 0.9 },
      reportedAt: NOW,
    },
    { gate: 'load-test', source: 'api', status: 'failed', reportedAt: NOW },
  ],
}));
const incidents: IncidentEvidence[] = Array.from({ length: 50 }, (_, i) => ({
  entityRef: `component:default/service-${i % 3}`,
  source: 'pagerduty',
  id: `i${i}`,
  title: 'Outage',
  severity: 'sev2',
  status: 'resolved',
  openedAt: NOW - i * 3_600_000,
  resolvedAt: NOW - i * 3_600_000 + 600_000,
}));

/** The row counts the query planner assumes for the deployment tables. */
async function plannerRowEstimates(db: Knex): Promise<Record<string, number>> {
  const tables = ['deployments', 'deployment_commits'];
  if (db.client.config.client === 'pg') {
    // reltuples is -1 until a table is first analyzed.
    const { rows } = await db.raw(
      'SELECT relname, reltuples FROM pg_class WHERE relname = ANY(?)',
      [tables],
    );
    return Object.fromEntries(rows.map((r: any) => [r.relname, r.reltuples]));
  }
  if (!(await db.schema.hasTable('sqlite_stat1'))) {
    return {};
  }
  const rows = await db('sqlite_stat1').whereIn('tbl', tables).whereNull('idx');
  return Object.fromEntries(rows.map(r => [r.tbl, Number(r.stat)]));
}

describe.each(databases.eachSupportedId())(
  'bulkLoadEvidence on %s',
  databaseId => {
    it('stores exactly what the merging write path stores', async () => {
      const bulkDb: Knex = await databases.init(databaseId as TestDatabaseId);
      const mergedDb: Knex = await databases.init(databaseId as TestDatabaseId);
      await applyDatabaseMigrations(bulkDb);
      await applyDatabaseMigrations(mergedDb);

      await bulkLoadEvidence(bulkDb, { deployments, runs, incidents }, NOW);
      const merged = createDatabaseStores(mergedDb);
      await merged.deployments.upsertDeployments(deployments, NOW);
      await merged.pipelineRuns.upsertPipelineRuns(runs, NOW);
      await merged.incidents.upsertIncidents(incidents, NOW);

      const bulk = createDatabaseStores(bulkDb);
      for (const entityRef of [
        'component:default/service-0',
        'component:default/service-2',
      ]) {
        const page = { limit: 500 };
        expect(await bulk.deployments.listDeployments(entityRef, page)).toEqual(
          await merged.deployments.listDeployments(entityRef, page),
        );
        expect(
          await bulk.pipelineRuns.listPipelineRuns(entityRef, page),
        ).toEqual(await merged.pipelineRuns.listPipelineRuns(entityRef, page));
        expect(await bulk.incidents.listIncidents(entityRef, page)).toEqual(
          await merged.incidents.listIncidents(entityRef, page),
        );
      }
      const [{ n }] = await bulkDb('deployment_commits').count({ n: '*' });
      expect(Number(n)).toBe(1800);
    });

    it('leaves the planner statistics of the loaded tables fresh', async () => {
      const db: Knex = await databases.init(databaseId as TestDatabaseId);
      await applyDatabaseMigrations(db);
      await bulkLoadEvidence(db, { deployments, runs, incidents }, NOW);
      await refreshPlannerStatistics(db);

      expect(await plannerRowEstimates(db)).toEqual(
        databaseId.startsWith('POSTGRES')
          ? { deployment_commits: 1800, deployments: deployments.length }
          : // SQLite keeps planning from its indexes: it has no statistics.
            {},
      );
    });
  },
);
