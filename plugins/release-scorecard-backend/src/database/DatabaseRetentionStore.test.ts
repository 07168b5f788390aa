import { Knex } from 'knex';
import { describeEachDatabase } from '../__testUtils__/describeEachDatabase';
import {
  HOUR,
  PAYMENTS,
  T0,
  testDeployment,
  testIncident,
} from '../__testUtils__/evidenceRecords';
import {
  createDatabaseStores,
  ReleaseScorecardStores,
} from './ReleaseScorecardStores';

jest.setTimeout(60_000);

describeEachDatabase('DatabaseRetentionStore', db => {
  let knex: Knex;
  let stores: ReleaseScorecardStores;

  beforeAll(() => {
    knex = db();
    stores = createDatabaseStores(knex);
  });

  it('removes records older than the retention cutoff, with their children', async () => {
    await stores.deployments.upsertDeployments(
      [
        testDeployment({ id: 'old', startedAt: T0 - 500 * 24 * HOUR }),
        testDeployment({ id: 'recent' }),
      ],
      T0,
    );
    await stores.pipelineRuns.upsertPipelineRuns(
      [
        {
          entityRef: PAYMENTS,
          source: 'api',
          id: 'old-run',
          revision: 'x',
          startedAt: T0 - 500 * 24 * HOUR,
          gates: [
            {
              gate: 'unit-tests',
              source: 'api',
              status: 'passed',
              reportedAt: T0,
            },
          ],
        },
      ],
      T0,
    );
    await stores.incidents.upsertIncidents(
      [testIncident({ openedAt: T0 - 450 * 24 * HOUR })],
      T0,
    );

    await stores.ingestDiagnostics.recordUnknownEntityRefs(
      new Map([['component:default/ghost', 1]]),
      T0 - 450 * 24 * HOUR,
    );
    await stores.ingestDiagnostics.recordUnmatchedWebhookEvent(
      { source: 'argocd', lookup: 'argocd/app-name=ghost', eventType: 'sync' },
      T0 - 450 * 24 * HOUR,
    );

    const result = await stores.retention.deleteRecordsOlderThan(
      T0 - 400 * 24 * HOUR,
    );
    expect(result).toEqual({
      deployments: 1,
      pipelineRuns: 1,
      incidents: 1,
    });
    expect(
      (
        await stores.deployments.listDeployments(PAYMENTS, { limit: 10 })
      ).items.map(d => d.id),
    ).toEqual(['recent']);
    const [{ n: commitCount }] = await knex('deployment_commits').count({
      n: '*',
    });
    expect(Number(commitCount)).toBe(1);
    const [{ n: runCount }] = await knex('pipeline_runs').count({
      n: '*',
    });
    expect(Number(runCount)).toBe(0);
    expect(
      (await stores.ingestDiagnostics.listUnknownEntityRefs({ limit: 10 }))
        .items,
    ).toEqual([]);
    expect(
      (await stores.ingestDiagnostics.listUnmatchedWebhookEvents({ limit: 10 }))
        .items,
    ).toEqual([]);
  });
});
