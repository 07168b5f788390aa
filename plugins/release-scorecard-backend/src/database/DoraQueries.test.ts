import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { Knex } from 'knex';
import { computeDoraDetails, DEFAULT_DORA_OPTIONS } from '../dora';
import { DeploymentEvidence, IncidentEvidence } from '../ingest/evidence';
import { DatabaseEvidenceStore } from './DatabaseEvidenceStore';
import { DoraQueries, poolDoraAggregates } from './DoraQueries';
import { applyDatabaseMigrations } from './migrations';
import { toIso } from './time';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TO = Date.parse('2026-11-01T00:00:00Z');
const WINDOW_DAYS = 10;
const FROM = TO - WINDOW_DAYS * DAY;
const ENTITIES = ['component:default/a', 'component:default/b'];
const window = {
  from: FROM,
  to: TO,
  productionEnvironments: DEFAULT_DORA_OPTIONS.productionEnvironments,
  attributionWindowMs: DEFAULT_DORA_OPTIONS.attributionWindowHours * HOUR,
};

/** A time around the window, with a fair chance of hitting its exact edges. */
const timeArbitrary = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: FROM - 3 * DAY, max: TO + DAY }) },
  { weight: 1, arbitrary: fc.constantFrom(FROM, TO, FROM + 1, TO + 1) },
);

// Commit times are a function of the sha, as they are in git.
const SHAS = ['aa', 'bb', 'cc', 'dd', 'ee', 'ff'];
const committedAtOf = (sha: string) =>
  FROM - 2 * DAY + SHAS.indexOf(sha) * 17 * HOUR;

const deploymentArbitrary = fc.record({
  entity: fc.constantFrom(...ENTITIES),
  environment: fc.constantFrom('production', 'PROD', 'staging'),
  status: fc.constantFrom(
    'succeeded',
    'succeeded',
    'failed',
    'rolled-back',
    'in-progress',
  ),
  finishedAt: timeArbitrary,
  shas: fc.uniqueArray(fc.constantFrom(...SHAS), { maxLength: 3 }),
});

const incidentArbitrary = fc.record({
  entity: fc.constantFrom(...ENTITIES),
  openedAt: timeArbitrary,
  // Most incidents open shortly after some deployment, on the attribution
  // window's edges as often as not.
  after: fc.option(
    fc.record({
      deploymentIndex: fc.nat({ max: 12 }),
      offset: fc.constantFrom(0, 1, 2 * HOUR, DAY, DAY + 1, 30 * HOUR),
    }),
    { nil: undefined, freq: 3 },
  ),
  resolvedAfter: fc.option(fc.integer({ min: 0, max: 3 * DAY }), {
    nil: undefined,
  }),
  deploymentIndex: fc.option(fc.nat({ max: 12 }), { nil: undefined }),
});

describe.each(databases.eachSupportedId())('DoraQueries on %s', databaseId => {
  let knex: Knex;
  let store: DatabaseEvidenceStore;
  let queries: DoraQueries;

  beforeAll(async () => {
    knex = await databases.init(databaseId as TestDatabaseId);
    await applyDatabaseMigrations(knex);
    store = new DatabaseEvidenceStore(knex);
    queries = new DoraQueries(knex);
  });

  async function storeRecords(
    deployments: Array<
      Partial<DeploymentEvidence> & { id: string; finishedAt: number }
    >,
    incidents: Array<
      Partial<IncidentEvidence> & { id: string; openedAt: number }
    >,
  ) {
    for (const table of ['deployment_commits', 'deployments', 'incidents']) {
      await knex(table).delete();
    }
    await store.upsertDeployments(
      deployments.map(d => ({
        entityRef: ENTITIES[0],
        source: 'api',
        environment: 'production',
        revision: 'r',
        strategy: 'canary',
        gitops: true,
        status: 'succeeded',
        startedAt: d.finishedAt - HOUR,
        commits: [],
        ...d,
      })),
      TO,
    );
    if (incidents.length > 0) {
      await store.upsertIncidents(
        incidents.map(i => ({
          entityRef: ENTITIES[0],
          source: 'api',
          title: 'incident',
          severity: 'sev2',
          status: 'open',
          ...i,
        })),
        TO,
      );
    }
    return (await queries.aggregateByEntity(ENTITIES, window)).get(
      ENTITIES[0],
    )!;
  }

  it('attributes an incident to the latest succeeded deployment up to 24 hours before it', async () => {
    const deployedAt = FROM + 2 * DAY;
    const exactly24h = await storeRecords(
      [{ id: 'd1', finishedAt: deployedAt }],
      [{ id: 'i1', openedAt: deployedAt + DAY }],
    );
    expect(exactly24h).toMatchObject({
      deployments: 1,
      changes: 1,
      failedChanges: 1,
    });

    const justAfter = await storeRecords(
      [{ id: 'd1', finishedAt: deployedAt }],
      [{ id: 'i1', openedAt: deployedAt + DAY + 1 }],
    );
    expect(justAfter).toMatchObject({ changes: 1, failedChanges: 0 });

    // A later deployment takes the blame, the earlier one stays clean.
    const twoDeployments = await storeRecords(
      [
        { id: 'd1', finishedAt: deployedAt },
        { id: 'd2', finishedAt: deployedAt + 2 * HOUR },
      ],
      [{ id: 'i1', openedAt: deployedAt + 3 * HOUR }],
    );
    expect(twoDeployments).toMatchObject({ changes: 2, failedChanges: 1 });

    // A named deployment is blamed even outside the time rule; a failed one counts once.
    const named = await storeRecords(
      [
        { id: 'd1', finishedAt: deployedAt, status: 'failed' },
        { id: 'd2', finishedAt: deployedAt + 3 * DAY },
      ],
      [
        { id: 'i1', openedAt: deployedAt + HOUR, deploymentId: 'd1' },
        { id: 'i2', openedAt: deployedAt + 5 * DAY, deploymentId: 'd2' },
      ],
    );
    expect(named).toMatchObject({ changes: 2, failedChanges: 2 });
  });

  it('computes in SQL exactly what the pure DORA functions compute', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(deploymentArbitrary, { maxLength: 12 }),
        fc.array(incidentArbitrary, { maxLength: 8 }),
        async (generatedDeployments, generatedIncidents) => {
          for (const table of [
            'deployment_commits',
            'deployments',
            'incidents',
          ]) {
            await knex(table).delete();
          }
          const deployments: DeploymentEvidence[] = generatedDeployments.map(
            (d, index) => ({
              entityRef: d.entity,
              source: 'api',
              id: `d${index}`,
              environment: d.environment,
              revision: `r${index}`,
              strategy: 'canary',
              gitops: true,
              status: d.status as DeploymentEvidence['status'],
              startedAt: d.finishedAt - HOUR,
              finishedAt: d.status === 'in-progress' ? undefined : d.finishedAt,
              commits: d.shas.map(sha => ({
                sha,
                committedAt: committedAtOf(sha),
              })),
            }),
          );
          const incidents: IncidentEvidence[] = generatedIncidents.map(
            (generated, index) => {
              const anchor =
                generated.after && deployments[generated.after.deploymentIndex];
              const i = anchor?.finishedAt
                ? {
                    ...generated,
                    entity: anchor.entityRef,
                    openedAt: anchor.finishedAt + generated.after!.offset,
                  }
                : generated;
              return {
                entityRef: i.entity,
                source: 'api',
                id: `i${index}`,
                title: 'incident',
                severity: 'sev2',
                status: i.resolvedAfter === undefined ? 'open' : 'resolved',
                openedAt: i.openedAt,
                resolvedAt:
                  i.resolvedAfter === undefined
                    ? undefined
                    : i.openedAt + i.resolvedAfter,
                deploymentId:
                  i.deploymentIndex === undefined
                    ? undefined
                    : `d${i.deploymentIndex}`,
              };
            },
          );
          if (deployments.length) {
            await store.upsertDeployments(deployments, TO);
          }
          if (incidents.length) {
            await store.upsertIncidents(incidents, TO);
          }

          const fromSql = await queries.aggregateByEntity(ENTITIES, window);
          for (const entityRef of ENTITIES) {
            const expected = computeDoraDetails(
              {
                deployments: deployments
                  .filter(d => d.entityRef === entityRef)
                  .map(d => ({
                    id: d.id,
                    entityRef: d.entityRef,
                    environment: d.environment,
                    status: d.status,
                    finishedAt:
                      d.finishedAt === undefined
                        ? undefined
                        : toIso(d.finishedAt),
                    commits: d.commits.map(c => ({
                      sha: c.sha,
                      committedAt: toIso(c.committedAt),
                    })),
                  })),
                incidents: incidents
                  .filter(i => i.entityRef === entityRef)
                  .map(i => ({
                    id: i.id,
                    entityRef: i.entityRef,
                    openedAt: toIso(i.openedAt),
                    resolvedAt:
                      i.resolvedAt === undefined
                        ? undefined
                        : toIso(i.resolvedAt),
                    deploymentId: i.deploymentId,
                  })),
                to: toIso(TO),
                windowDays: WINDOW_DAYS,
                entityRef,
              },
              DEFAULT_DORA_OPTIONS,
            );
            const actual = poolDoraAggregates(
              fromSql.has(entityRef) ? [fromSql.get(entityRef)!] : [],
            );
            expect({
              deployments: actual.deployments,
              changes: actual.changes,
              failedChanges: actual.failedChanges,
              leadTimeSeconds: [...actual.leadTimeSeconds].sort(
                (a, b) => a - b,
              ),
              recoverySeconds: [...actual.recoverySeconds].sort(
                (a, b) => a - b,
              ),
            }).toEqual({
              deployments: expected.deployments.length,
              changes: expected.changeCount,
              failedChanges: expected.changeFailures.length,
              leadTimeSeconds: expected.leadTimeSamples
                .map(s => s.seconds)
                .sort((a, b) => a - b),
              recoverySeconds: expected.recoverySamples
                .map(s => s.seconds)
                .sort((a, b) => a - b),
            });
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
