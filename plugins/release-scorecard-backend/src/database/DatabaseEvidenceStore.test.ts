import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseEvidenceStore } from './DatabaseEvidenceStore';
import { applyDatabaseMigrations } from './migrations';
import { DeploymentEvidence, IncidentEvidence } from '../evidence';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const HOUR = 3_600_000;
const T0 = Date.parse('2026-10-01T00:00:00Z');
const PAYMENTS = 'component:default/payments-api';

function deployment(
  overrides: Partial<DeploymentEvidence> = {},
): DeploymentEvidence {
  return {
    entityRef: PAYMENTS,
    source: 'api',
    id: 'deploy-1',
    environment: 'production',
    revision: 'abc123',
    strategy: 'canary',
    gitops: true,
    status: 'succeeded',
    startedAt: T0,
    finishedAt: T0 + HOUR,
    commits: [{ sha: 'c1', committedAt: T0 - 5 * HOUR }],
    ...overrides,
  };
}

function incident(overrides: Partial<IncidentEvidence> = {}): IncidentEvidence {
  return {
    entityRef: PAYMENTS,
    source: 'pagerduty',
    id: 'PD-1',
    title: 'Checkout errors',
    severity: 'sev2',
    status: 'open',
    openedAt: T0,
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseEvidenceStore on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseEvidenceStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      await applyDatabaseMigrations(knex);
      store = new DatabaseEvidenceStore(knex);
    });

    beforeEach(async () => {
      for (const table of [
        'deployment_commits',
        'deployments',
        'pipeline_runs',
        'incidents',
        'flags',
        'flag_snapshots',
        'unknown_entity_refs',
        'unmatched_webhook_events',
      ]) {
        await knex(table).delete();
      }
    });

    describe('deployments', () => {
      it('stores a batch and lists it newest first with its commits', async () => {
        const counts = await store.upsertDeployments(
          [
            deployment({ id: 'd1', startedAt: T0 }),
            deployment({ id: 'd2', startedAt: T0 + 2 * HOUR, commits: [] }),
          ],
          T0 + 10 * HOUR,
        );
        expect(counts).toEqual({ accepted: 2, updated: 0 });

        const page = await store.listDeployments(PAYMENTS, { limit: 10 });
        expect(page.items.map(d => d.id)).toEqual(['d2', 'd1']);
        expect(page.items[1]).toEqual({
          id: 'd1',
          entityRef: PAYMENTS,
          environment: 'production',
          revision: 'abc123',
          strategy: 'canary',
          gitops: true,
          status: 'succeeded',
          startedAt: '2026-10-01T00:00:00.000Z',
          finishedAt: '2026-10-01T01:00:00.000Z',
          commits: [{ sha: 'c1', committedAt: '2026-09-30T19:00:00.000Z' }],
          source: 'api',
          receivedAt: '2026-10-01T10:00:00.000Z',
          updatedAt: '2026-10-01T10:00:00.000Z',
          version: undefined,
          url: undefined,
        });
        expect(page.nextCursor).toBeUndefined();
      });

      it('pages through deployments with a cursor, ties broken by insertion', async () => {
        await store.upsertDeployments(
          Array.from({ length: 5 }, (_, i) =>
            deployment({ id: `d${i}`, startedAt: T0 + (i < 2 ? 0 : i) * HOUR }),
          ),
          T0,
        );
        const first = await store.listDeployments(PAYMENTS, { limit: 2 });
        const second = await store.listDeployments(PAYMENTS, {
          limit: 2,
          cursor: first.nextCursor,
        });
        const third = await store.listDeployments(PAYMENTS, {
          limit: 2,
          cursor: second.nextCursor,
        });
        expect(
          [...first.items, ...second.items, ...third.items].map(d => d.id),
        ).toEqual(['d4', 'd3', 'd2', 'd1', 'd0']);
        expect(third.nextCursor).toBeUndefined();
      });

      it('updates a re-delivered deployment in place and never regresses its status', async () => {
        await store.upsertDeployments(
          [deployment({ status: 'succeeded' })],
          T0,
        );
        const late = await store.upsertDeployments(
          [
            deployment({
              status: 'in-progress',
              finishedAt: undefined,
              version: '1.4.0',
              commits: [{ sha: 'c0', committedAt: T0 - 9 * HOUR }],
            }),
          ],
          T0 + HOUR,
        );
        expect(late).toEqual({ accepted: 0, updated: 1 });

        const [stored] = (await store.listDeployments(PAYMENTS, { limit: 10 }))
          .items;
        expect(stored.status).toBe('succeeded');
        expect(stored.finishedAt).toBe('2026-10-01T01:00:00.000Z');
        // Fields the earlier delivery lacked are still taken from the late one.
        expect(stored.version).toBe('1.4.0');
        expect(stored.commits?.map(c => c.sha).sort()).toEqual(['c0', 'c1']);
        expect(stored.receivedAt).toBe(new Date(T0).toISOString());
        expect(stored.updatedAt).toBe(new Date(T0 + HOUR).toISOString());
      });

      it('lets a later rollback replace a success', async () => {
        await store.upsertDeployments(
          [deployment({ status: 'succeeded' })],
          T0,
        );
        await store.upsertDeployments(
          [deployment({ status: 'rolled-back', finishedAt: T0 + 3 * HOUR })],
          T0,
        );
        await store.upsertDeployments(
          [deployment({ status: 'succeeded' })],
          T0,
        );
        const [stored] = (await store.listDeployments(PAYMENTS, { limit: 10 }))
          .items;
        expect(stored.status).toBe('rolled-back');
        expect(stored.finishedAt).toBe(new Date(T0 + 3 * HOUR).toISOString());
      });

      it('keeps one record per entity, source and id', async () => {
        await store.upsertDeployments(
          [
            deployment({ id: 'same' }),
            deployment({ id: 'same', source: 'argocd' }),
            deployment({
              id: 'same',
              entityRef: 'component:default/ledger-service',
            }),
            deployment({
              id: 'same',
              status: 'failed',
              finishedAt: T0 + 2 * HOUR,
            }),
          ],
          T0,
        );
        const rows = await knex('deployments').select(
          'entity_ref',
          'source',
          'status',
        );
        expect(rows).toHaveLength(3);
        const apiRow = rows.find(
          r => r.entity_ref === PAYMENTS && r.source === 'api',
        );
        expect(apiRow?.status).toBe('failed');
      });

      it('patches the latest deployment of an environment, or creates one', async () => {
        await store.upsertDeployments(
          [
            deployment({ id: 'old', startedAt: T0, strategy: 'unknown' }),
            deployment({
              id: 'new',
              startedAt: T0 + HOUR,
              status: 'in-progress',
              finishedAt: undefined,
              strategy: 'unknown',
            }),
          ],
          T0,
        );
        const patched = await store.applyDeploymentPatches(
          [
            {
              entityRef: PAYMENTS,
              source: 'argocd',
              environment: 'Production',
              fallbackId: 'rollout/payments-api/7',
              strategy: 'blue-green',
              status: 'rolled-back',
              startedAt: T0 + HOUR,
              finishedAt: T0 + 2 * HOUR,
            },
            {
              entityRef: PAYMENTS,
              source: 'argocd',
              environment: 'staging',
              fallbackId: 'rollout/payments-api/8',
              strategy: 'canary',
              status: 'succeeded',
              startedAt: T0,
              finishedAt: T0 + HOUR,
            },
          ],
          T0,
        );
        expect(patched).toEqual({ accepted: 1, updated: 1 });
        const items = (await store.listDeployments(PAYMENTS, { limit: 10 }))
          .items;
        expect(items.find(d => d.id === 'new')).toMatchObject({
          strategy: 'blue-green',
          status: 'rolled-back',
        });
        expect(items.find(d => d.id === 'old')).toMatchObject({
          strategy: 'unknown',
        });
        expect(
          items.find(d => d.id === 'rollout/payments-api/8'),
        ).toMatchObject({
          environment: 'staging',
          strategy: 'canary',
          gitops: false,
        });
      });
    });

    describe('pipeline runs and gates', () => {
      it('stores runs with gates and lists them newest first', async () => {
        await store.upsertPipelineRuns(
          [
            {
              entityRef: PAYMENTS,
              source: 'api',
              id: 'run-1',
              revision: 'abc',
              version: '1.4.0',
              startedAt: T0,
              finishedAt: T0 + HOUR,
              gates: [
                {
                  gate: 'unit-tests',
                  source: 'api',
                  status: 'passed',
                  metrics: { coverage: 0.86 },
                  reportedAt: T0 + HOUR,
                },
                {
                  gate: 'load-test',
                  source: 'api',
                  status: 'failed',
                  reportedAt: T0 + HOUR,
                },
              ],
            },
          ],
          T0,
        );
        const [run] = (await store.listPipelineRuns(PAYMENTS, { limit: 5 }))
          .items;
        expect(run).toMatchObject({
          id: 'run-1',
          revision: 'abc',
          version: '1.4.0',
          gates: [
            { gate: 'load-test', status: 'failed' },
            {
              gate: 'unit-tests',
              status: 'passed',
              metrics: { coverage: 0.86 },
            },
          ],
        });
      });

      it('combines reports of several tools into one gate: worst status, merged metrics', async () => {
        const base = {
          entityRef: PAYMENTS,
          revision: 'abc',
          startedAt: T0,
        };
        await store.addGateReports(
          [
            {
              ...base,
              source: 'junit',
              gate: {
                gate: 'unit-tests',
                source: 'junit',
                status: 'failed',
                metrics: { testsTotal: 120, testsFailed: 2 },
                reportedAt: T0 + 1,
              },
            },
            {
              ...base,
              source: 'cobertura',
              gate: {
                gate: 'unit-tests',
                source: 'cobertura',
                metrics: { coverage: 0.81 },
                reportedAt: T0 + 2,
              },
            },
          ],
          T0,
        );
        let [run] = (await store.listPipelineRuns(PAYMENTS, { limit: 5 }))
          .items;
        // No run existed: the first report created one named after the revision.
        expect(run.id).toBe('abc');
        expect(run.gates).toEqual([
          {
            gate: 'unit-tests',
            status: 'failed',
            metrics: { testsTotal: 120, testsFailed: 2, coverage: 0.81 },
            url: undefined,
          },
        ]);

        // The test job is fixed and re-reports; an older delivery does not win.
        await store.addGateReports(
          [
            {
              ...base,
              source: 'junit',
              gate: {
                gate: 'unit-tests',
                source: 'junit',
                status: 'passed',
                metrics: { testsTotal: 121, testsFailed: 0 },
                reportedAt: T0 + 10,
              },
            },
            {
              ...base,
              source: 'junit',
              gate: {
                gate: 'unit-tests',
                source: 'junit',
                status: 'failed',
                metrics: { testsTotal: 120, testsFailed: 2 },
                reportedAt: T0 + 1,
              },
            },
          ],
          T0,
        );
        [run] = (await store.listPipelineRuns(PAYMENTS, { limit: 5 })).items;
        expect(run.gates[0]).toMatchObject({
          status: 'passed',
          metrics: { testsTotal: 121, testsFailed: 0, coverage: 0.81 },
        });
      });

      it('attaches a report to the run named by id, else to the latest run of the revision', async () => {
        await store.upsertPipelineRuns(
          [
            {
              entityRef: PAYMENTS,
              source: 'github',
              id: 'run-a',
              revision: 'r1',
              startedAt: T0,
              gates: [],
            },
            {
              entityRef: PAYMENTS,
              source: 'github',
              id: 'run-b',
              revision: 'r1',
              startedAt: T0 + HOUR,
              gates: [],
            },
          ],
          T0,
        );
        await store.addGateReports(
          [
            {
              entityRef: PAYMENTS,
              source: 'sonarqube',
              revision: 'r1',
              startedAt: T0,
              gate: {
                gate: 'static-analysis',
                source: 'sonarqube',
                status: 'passed',
                reportedAt: T0,
              },
            },
            {
              entityRef: PAYMENTS,
              source: 'trivy',
              runId: 'run-a',
              revision: 'r1',
              startedAt: T0,
              gate: {
                gate: 'container-scan',
                source: 'trivy',
                status: 'failed',
                reportedAt: T0,
              },
            },
          ],
          T0,
        );
        const runs = (await store.listPipelineRuns(PAYMENTS, { limit: 5 }))
          .items;
        expect(runs.map(r => [r.id, r.gates.map(g => g.gate)])).toEqual([
          ['run-b', ['static-analysis']],
          ['run-a', ['container-scan']],
        ]);
      });
    });

    describe('incidents', () => {
      it('resolves an incident and never reopens it from a late trigger', async () => {
        await store.upsertIncidents([incident()], T0);
        await store.upsertIncidents(
          [incident({ status: 'resolved', resolvedAt: T0 + 2 * HOUR })],
          T0 + 2 * HOUR,
        );
        const late = await store.upsertIncidents(
          [incident({ title: 'late trigger' })],
          T0 + 3 * HOUR,
        );
        expect(late).toEqual({ accepted: 0, updated: 1 });
        const [stored] = (await store.listIncidents(PAYMENTS, { limit: 5 }))
          .items;
        expect(stored).toMatchObject({
          id: 'PD-1',
          status: 'resolved',
          resolvedAt: new Date(T0 + 2 * HOUR).toISOString(),
          title: 'Checkout errors',
        });
      });
    });

    describe('flags', () => {
      const flag = (key: string, enabled: boolean) => ({
        key,
        provider: 'unleash',
        type: 'release' as const,
        temporary: true,
        archived: false,
        environments: [{ name: 'production', enabled }],
        stale: false,
      });

      it('replaces the snapshot of an entity and provider', async () => {
        await store.replaceFlagSnapshot(
          {
            entityRef: PAYMENTS,
            provider: 'unleash',
            source: 'unleash',
            flags: [flag('new-checkout', true), flag('dark-mode', false)],
          },
          T0,
        );
        const counts = await store.replaceFlagSnapshot(
          {
            entityRef: PAYMENTS,
            provider: 'unleash',
            source: 'unleash',
            flags: [flag('new-checkout', false), flag('one-click', true)],
          },
          T0 + HOUR,
        );
        expect(counts).toEqual({ accepted: 1, updated: 1 });
        const flags = (await store.listFlags(PAYMENTS, { limit: 10 })).items;
        expect(flags.map(f => [f.key, f.active]).sort()).toEqual([
          ['new-checkout', false],
          ['one-click', true],
        ]);
        const kept = flags.find(f => f.key === 'new-checkout')!;
        expect(kept.receivedAt).toBe(new Date(T0).toISOString());
        expect(kept.snapshotAt).toBe(new Date(T0 + HOUR).toISOString());
      });

      it('keeps the last good snapshot when a refresh fails', async () => {
        await store.replaceFlagSnapshot(
          {
            entityRef: PAYMENTS,
            provider: 'unleash',
            source: 'unleash',
            flags: [flag('a', true)],
          },
          T0,
        );
        await store.recordFlagSnapshotFailure(
          PAYMENTS,
          'unleash',
          'HTTP 503',
          T0 + HOUR,
        );
        expect(
          (await store.listFlags(PAYMENTS, { limit: 10 })).items,
        ).toHaveLength(1);
        expect(await store.listFlagSnapshots(PAYMENTS)).toEqual([
          {
            entityRef: PAYMENTS,
            provider: 'unleash',
            refreshedAt: new Date(T0).toISOString(),
            lastAttemptAt: new Date(T0 + HOUR).toISOString(),
            lastError: 'HTTP 503',
            flagCount: 1,
          },
        ]);
      });
    });

    describe('operations', () => {
      it('counts records for unknown entity refs and unmatched webhook events', async () => {
        await store.recordUnknownEntityRefs(
          new Map([['component:default/ghost', 2]]),
          T0,
        );
        await store.recordUnknownEntityRefs(
          new Map([['component:default/ghost', 3]]),
          T0 + 1,
        );
        expect(
          (await store.listUnknownEntityRefs({ limit: 10 })).items,
        ).toEqual([
          {
            entityRef: 'component:default/ghost',
            firstSeenAt: new Date(T0).toISOString(),
            lastSeenAt: new Date(T0 + 1).toISOString(),
            records: 5,
          },
        ]);
        await store.forgetUnknownEntityRefs(['component:default/ghost']);
        expect(
          (await store.listUnknownEntityRefs({ limit: 10 })).items,
        ).toEqual([]);

        for (let i = 0; i < 3; i++) {
          await store.recordUnmatchedWebhookEvent(
            {
              source: 'argocd',
              lookup: 'argocd/app-name=ghost',
              eventType: 'on-sync-succeeded',
            },
            T0 + i,
          );
        }
        expect(
          (await store.listUnmatchedWebhookEvents({ limit: 10 })).items,
        ).toEqual([
          {
            source: 'argocd',
            lookup: 'argocd/app-name=ghost',
            events: 3,
            firstSeenAt: new Date(T0).toISOString(),
            lastSeenAt: new Date(T0 + 2).toISOString(),
            lastEvent: 'on-sync-succeeded',
          },
        ]);
      });

      it('removes records older than the retention cutoff, with their children', async () => {
        await store.upsertDeployments(
          [
            deployment({ id: 'old', startedAt: T0 - 500 * 24 * HOUR }),
            deployment({ id: 'recent' }),
          ],
          T0,
        );
        await store.upsertPipelineRuns(
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
        await store.upsertIncidents(
          [incident({ openedAt: T0 - 450 * 24 * HOUR })],
          T0,
        );

        const result = await store.deleteRecordsOlderThan(T0 - 400 * 24 * HOUR);
        expect(result).toEqual({
          deployments: 1,
          pipelineRuns: 1,
          incidents: 1,
        });
        expect(
          (await store.listDeployments(PAYMENTS, { limit: 10 })).items.map(
            d => d.id,
          ),
        ).toEqual(['recent']);
        const [{ n: commitCount }] = await knex('deployment_commits').count({
          n: '*',
        });
        expect(Number(commitCount)).toBe(1);
        const [{ n: runCount }] = await knex('pipeline_runs').count({
          n: '*',
        });
        expect(Number(runCount)).toBe(0);
      });
    });
  },
);
