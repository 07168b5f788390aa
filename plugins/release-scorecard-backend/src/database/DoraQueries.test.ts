import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  Deployment,
  Incident,
} from '@internal/plugin-release-scorecard-common';
import fc from 'fast-check';
import { Knex } from 'knex';
import {
  computeDoraDetails,
  computeDoraMetrics,
  computeWeeklyDoraTrend,
  DEFAULT_DORA_OPTIONS,
  describeDora,
  doraWindowEndingAt,
  DoraInput,
  emptyDoraEvidence,
  summarizeDora,
  weeklyDoraTrend,
} from '../dora';
import {
  toDeploymentEvidence,
  toIncidentEvidence,
} from '../ingest/IngestService';
import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { DoraQueries } from './DoraQueries';
import { applyDatabaseMigrations } from './migrations';

/*
 * The SQL selection of DORA evidence against the TypeScript reference, on
 * both databases: every figure, the drill-down and the weekly trend must be
 * the same. Records reach the store through the ingest mapping, as they do
 * in production (shas lower-cased there); the reference sees them as sent.
 */

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TO = Date.parse('2026-11-01T00:00:00Z');
const WINDOW_DAYS = 10;
const FROM = TO - WINDOW_DAYS * DAY;
const ENTITIES = ['component:default/a', 'component:default/b'];
const SOURCES = ['api', 'github', 'argocd'];
const window = doraWindowEndingAt(TO, WINDOW_DAYS, DEFAULT_DORA_OPTIONS);
const iso = (ms: number) => new Date(ms).toISOString();

type WireDeployment = Deployment & { source: string };
type WireIncident = Incident & { source: string };

/** A time around the window, with a fair chance of hitting its exact edges. */
const timeArbitrary = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: FROM - 3 * DAY, max: TO + DAY }) },
  { weight: 1, arbitrary: fc.constantFrom(FROM, TO, FROM + 1, TO + 1) },
);

/**
 * A commit as a deployment reports it: a few shas in either case, and a
 * commit time that other deployments of the same sha may report differently
 * (a tool that guesses, a rebased branch), sometimes after the deployment.
 */
const commitArbitrary = fc.record({
  sha: fc.constantFrom('aa11', 'AA11', 'bb22', 'cc33', 'CC33', 'dd44'),
  committedAt: fc.integer({ min: FROM - 4 * DAY, max: TO + DAY }),
});

const deploymentArbitrary = fc.record({
  entity: fc.constantFrom(...ENTITIES),
  // Ids repeat across sources: two tools may both call a deployment 42.
  id: fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5', 'd6'),
  source: fc.constantFrom(...SOURCES),
  environment: fc.constantFrom('production', 'PROD', 'staging'),
  status: fc.constantFrom(
    'succeeded',
    'succeeded',
    'failed',
    'rolled-back',
    'in-progress',
  ),
  finishedAt: timeArbitrary,
  commits: fc.uniqueArray(commitArbitrary, {
    maxLength: 3,
    selector: c => c.sha.toLowerCase(),
  }),
});

const incidentArbitrary = fc.record({
  entity: fc.constantFrom(...ENTITIES),
  source: fc.constantFrom(...SOURCES, 'pagerduty'),
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
  resolvedAfter: fc.option(fc.integer({ min: -HOUR, max: 3 * DAY }), {
    nil: undefined,
  }),
  deploymentId: fc.option(fc.constantFrom('d1', 'd2', 'd3', 'd7'), {
    nil: undefined,
  }),
});

type History = { deployments: WireDeployment[]; incidents: WireIncident[] };
type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

function toHistory(
  generatedDeployments: Array<Generated<typeof deploymentArbitrary>>,
  generatedIncidents: Array<Generated<typeof incidentArbitrary>>,
): History {
  // One record per identity, as the store keeps it.
  const byIdentity = new Map<string, WireDeployment>();
  for (const d of generatedDeployments) {
    byIdentity.set(`${d.entity}/${d.source}/${d.id}`, {
      id: d.id,
      source: d.source,
      entityRef: d.entity,
      environment: d.environment,
      revision: 'r',
      strategy: 'canary',
      gitops: true,
      status: d.status as Deployment['status'],
      startedAt: iso(d.finishedAt - HOUR),
      finishedAt: d.status === 'in-progress' ? undefined : iso(d.finishedAt),
      commits: d.commits.map(c => ({
        sha: c.sha,
        committedAt: iso(c.committedAt),
      })),
    });
  }
  const deployments = [...byIdentity.values()];
  const incidents = generatedIncidents.map((generated, index) => {
    const anchor =
      generated.after && deployments[generated.after.deploymentIndex];
    const entityRef = anchor ? anchor.entityRef : generated.entity;
    const openedAt =
      anchor?.finishedAt !== undefined
        ? Date.parse(anchor.finishedAt) + generated.after!.offset
        : generated.openedAt;
    const resolvedAt =
      generated.resolvedAfter === undefined
        ? undefined
        : Math.max(openedAt, openedAt + generated.resolvedAfter);
    return {
      id: `i${index}`,
      source: generated.source,
      entityRef,
      title: 'incident',
      severity: 'sev2' as const,
      status: resolvedAt === undefined ? 'open' : 'resolved',
      openedAt: iso(openedAt),
      resolvedAt: resolvedAt === undefined ? undefined : iso(resolvedAt),
      deploymentId: generated.deploymentId,
    } as WireIncident;
  });
  return { deployments, incidents };
}

function referenceInput(history: History, entityRef: string): DoraInput {
  return {
    deployments: history.deployments.filter(d => d.entityRef === entityRef),
    incidents: history.incidents.filter(i => i.entityRef === entityRef),
    to: iso(TO),
    windowDays: WINDOW_DAYS,
    entityRef,
  };
}

describe.each(databases.eachSupportedId())('DoraQueries on %s', databaseId => {
  let knex: Knex;
  let deploymentStore: DatabaseDeploymentStore;
  let incidentStore: DatabaseIncidentStore;
  let queries: DoraQueries;

  beforeAll(async () => {
    knex = await databases.init(databaseId as TestDatabaseId);
    await applyDatabaseMigrations(knex);
    deploymentStore = new DatabaseDeploymentStore(knex);
    incidentStore = new DatabaseIncidentStore(knex);
    queries = new DoraQueries(knex);
  });

  async function storeHistory(history: History) {
    for (const table of ['deployment_commits', 'deployments', 'incidents']) {
      await knex(table).delete();
    }
    if (history.deployments.length > 0) {
      await deploymentStore.upsertDeployments(
        history.deployments.map(d =>
          toDeploymentEvidence(d, d.entityRef, d.source),
        ),
        TO,
      );
    }
    if (history.incidents.length > 0) {
      await incidentStore.upsertIncidents(
        history.incidents.map(i =>
          toIncidentEvidence(i, i.entityRef, i.source),
        ),
        TO,
      );
    }
  }

  /** The three views of an entity, from SQL and from the reference. */
  async function bothWays(history: History, entityRef: string) {
    await storeHistory(history);
    const evidence =
      (await queries.selectEvidence([entityRef], window)).get(entityRef) ??
      emptyDoraEvidence();
    const input = referenceInput(history, entityRef);
    return {
      sql: {
        metrics: summarizeDora(
          evidence,
          window,
          { entityRef, entityCount: 1 },
          DEFAULT_DORA_OPTIONS.tiers,
        ),
        details: describeDora(evidence, window),
        trend: weeklyDoraTrend(evidence, window),
      },
      reference: {
        metrics: computeDoraMetrics(input, DEFAULT_DORA_OPTIONS),
        details: computeDoraDetails(input, DEFAULT_DORA_OPTIONS),
        trend: computeWeeklyDoraTrend(input, DEFAULT_DORA_OPTIONS),
      },
    };
  }

  const deployment = (
    fields: Partial<WireDeployment> & { id: string; finishedAt: string },
  ): WireDeployment => ({
    source: 'api',
    entityRef: ENTITIES[0],
    environment: 'production',
    revision: 'r',
    strategy: 'canary',
    gitops: true,
    status: 'succeeded',
    startedAt: fields.finishedAt,
    commits: [],
    ...fields,
  });

  it('takes a commit time from the first deployment that shipped the commit', async () => {
    // d1 shipped the sha an hour after it was committed; d2 later reports
    // the same sha with another commit time. The lead time is one hour.
    const { sql, reference } = await bothWays(
      {
        deployments: [
          deployment({
            id: 'd1',
            finishedAt: '2026-10-25T00:00:00Z',
            commits: [{ sha: 'abc1', committedAt: '2026-10-24T23:00:00Z' }],
          }),
          deployment({
            id: 'd2',
            finishedAt: '2026-10-28T00:00:00Z',
            commits: [{ sha: 'abc1', committedAt: '2026-10-22T00:00:00Z' }],
          }),
        ],
        incidents: [],
      },
      ENTITIES[0],
    );
    expect(sql.metrics.leadTime).toMatchObject({
      samples: 1,
      medianSeconds: 3600,
    });
    expect(sql).toEqual(reference);
  });

  it('does not revive a negative lead time through a later deployment', async () => {
    const { sql, reference } = await bothWays(
      {
        deployments: [
          deployment({
            id: 'd1',
            finishedAt: '2026-10-25T00:00:00Z',
            commits: [{ sha: 'abc1', committedAt: '2026-10-25T01:00:00Z' }],
          }),
          deployment({
            id: 'd2',
            finishedAt: '2026-10-28T00:00:00Z',
            commits: [{ sha: 'abc1', committedAt: '2026-10-24T00:00:00Z' }],
          }),
        ],
        incidents: [],
      },
      ENTITIES[0],
    );
    expect(sql.metrics.leadTime.samples).toBe(0);
    expect(sql).toEqual(reference);
  });

  it('counts a sha once in any case', async () => {
    const { sql, reference } = await bothWays(
      {
        deployments: [
          deployment({
            id: 'd1',
            finishedAt: '2026-10-25T00:00:00Z',
            commits: [{ sha: 'ABCDEF1', committedAt: '2026-10-24T23:00:00Z' }],
          }),
          deployment({
            id: 'd2',
            finishedAt: '2026-10-26T00:00:00Z',
            commits: [{ sha: 'abcdef1', committedAt: '2026-10-24T23:00:00Z' }],
          }),
        ],
        incidents: [],
      },
      ENTITIES[0],
    );
    expect(sql.metrics.leadTime.samples).toBe(1);
    expect(sql.details.leadTimeSamples[0].sha).toBe('abcdef1');
    expect(sql).toEqual(reference);
  });

  it("blames the deployment of the incident's own source when two sources share an id", async () => {
    const history = {
      deployments: [
        deployment({
          id: '42',
          source: 'api',
          finishedAt: '2026-10-25T00:00:00Z',
        }),
        deployment({
          id: '42',
          source: 'github',
          finishedAt: '2026-10-26T00:00:00Z',
        }),
      ],
      incidents: [
        {
          id: 'i1',
          source: 'api',
          entityRef: ENTITIES[0],
          title: 'down',
          severity: 'sev1' as const,
          status: 'open' as const,
          openedAt: '2026-10-27T00:00:00Z',
          deploymentId: '42',
        },
      ],
    };
    const { sql, reference } = await bothWays(history, ENTITIES[0]);
    expect(sql.metrics.changeFailureRate).toMatchObject({
      failed: 1,
      total: 2,
    });
    expect(sql.details.changeFailures[0].finishedAt).toBe(
      '2026-10-25T00:00:00.000Z',
    );
    expect(sql).toEqual(reference);

    // From a third source, the one that finished last.
    history.incidents[0].source = 'pagerduty';
    const other = await bothWays(history, ENTITIES[0]);
    expect(other.sql.metrics.changeFailureRate).toMatchObject({
      failed: 1,
      total: 2,
    });
    expect(other.sql.details.changeFailures[0].finishedAt).toBe(
      '2026-10-26T00:00:00.000Z',
    );
    expect(other.sql).toEqual(other.reference);
  });

  it('selects in SQL exactly what the reference selects, for every view', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(deploymentArbitrary, { maxLength: 12 }),
        fc.array(incidentArbitrary, { maxLength: 8 }),
        fc.constantFrom(...ENTITIES),
        async (deployments, incidents, entityRef) => {
          const { sql, reference } = await bothWays(
            toHistory(deployments, incidents),
            entityRef,
          );
          expect(sql).toEqual(reference);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('pools the evidence of several entities for a roll-up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(deploymentArbitrary, { maxLength: 12 }),
        fc.array(incidentArbitrary, { maxLength: 8 }),
        async (deployments, incidents) => {
          const history = toHistory(deployments, incidents);
          await storeHistory(history);
          const evidence = await queries.selectEvidence(ENTITIES, window);
          const pooled = summarizeDora(
            {
              changes: [...evidence.values()].flatMap(e => e.changes),
              leadTimes: [...evidence.values()].flatMap(e => e.leadTimes),
              recoveries: [...evidence.values()].flatMap(e => e.recoveries),
              openedIncidents: [...evidence.values()].flatMap(
                e => e.openedIncidents,
              ),
            },
            window,
            { ownerRef: 'group:default/team', entityCount: 2 },
            DEFAULT_DORA_OPTIONS.tiers,
          );
          expect(pooled).toEqual(
            computeDoraMetrics(
              {
                deployments: history.deployments,
                incidents: history.incidents,
                to: iso(TO),
                windowDays: WINDOW_DAYS,
                ownerRef: 'group:default/team',
                entityCount: 2,
              },
              DEFAULT_DORA_OPTIONS,
            ),
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});
