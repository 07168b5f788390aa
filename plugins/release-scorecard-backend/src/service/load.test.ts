import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { startTestPlugin } from '../__testUtils__/startTestPlugin';
import { testEntities } from '../__testUtils__/testEntities';
import { applyDatabaseMigrations } from '../database/migrations';
import { createDatabaseStores } from '../database/ReleaseScorecardStores';
import { CatalogEntityResolver } from '../ingest/CatalogEntityResolver';
import { IngestService } from '../ingest/IngestService';

jest.setTimeout(300_000);

/*
 * Many CI pipelines pushing at once: 20 concurrent senders, each posting 50
 * batches of 10 deployments (with commits) and a batch of incidents, with
 * ids shared between senders and statuses arriving out of order; one batch
 * in ten holds an invalid record and must be refused whole. Every accepted
 * record must be stored exactly once, and the final state must equal a
 * serial replay of the same batches into a fresh database.
 *
 * RELEASE_SCORECARD_LOAD_TEST_SECONDS makes every sender keep sending for
 * that long instead of stopping after 50 batches.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const API = '/api/release-scorecard';
const SERVICE = mockCredentials.service.header();

const SENDERS = 20;
const BATCHES_PER_SENDER = 50;
const DEPLOYMENTS_PER_BATCH = 10;
const INCIDENTS_PER_BATCH = 5;
/** Shared ids: each deployment is sent ~25 times, by many senders at once. */
const DEPLOYMENT_IDS = 400;
const INCIDENT_IDS = 100;
const COMMITS_PER_DEPLOYMENT = 6;
const DURATION_SECONDS = Number(
  process.env.RELEASE_SCORECARD_LOAD_TEST_SECONDS || 0,
);

const ENTITY_REFS = [
  'component:default/payments-api',
  'component:default/ledger-service',
  'component:default/cart-service',
];
const BASE_TIME = Date.parse('2026-11-01T00:00:00Z');
const MINUTE = 60_000;
const FINAL_STATUSES = ['succeeded', 'failed', 'rolled-back', 'succeeded'];
const INCIDENT_RESOLUTIONS = 3;

/** A small deterministic random generator (mulberry32), so runs can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (time: number) => new Date(time).toISOString();

/**
 * One delivery of deployment `n`. Everything but the status, the finish,
 * the start (the earliest wins) and the commits (they add up) is fixed per
 * id, so that the merged result does not depend on the order of arrival:
 * `state` 0 is in progress, 1..4 are final states with later finishes.
 */
function deploymentDelivery(
  n: number,
  state: number,
  startShift: number,
  commitMask: number,
) {
  const startedAt = BASE_TIME + n * MINUTE - startShift * 1000;
  const commits = Array.from(
    { length: COMMITS_PER_DEPLOYMENT },
    (_, index) => index,
  )
    .filter(index => commitMask & (1 << index))
    .map(index => ({
      sha: `${n.toString(16).padStart(4, '0')}c${index}`,
      committedAt: iso(BASE_TIME + n * MINUTE - (index + 1) * 3_600_000),
    }));
  return {
    id: `deploy-${n}`,
    entityRef: ENTITY_REFS[n % ENTITY_REFS.length],
    environment: n % 4 === 0 ? 'staging' : 'production',
    revision: `rev-${n}`,
    version: `1.${n}.0`,
    strategy: ['canary', 'blue-green', 'rolling'][n % 3],
    gitops: n % 2 === 0,
    status: state === 0 ? 'in-progress' : FINAL_STATUSES[state - 1],
    startedAt: iso(startedAt),
    ...(state > 0 && {
      finishedAt: iso(BASE_TIME + n * MINUTE + state * MINUTE),
    }),
    commits,
    url: `https://argocd.example.com/applications/app-${n}`,
  };
}

/** One delivery of incident `n`: open (0) or resolved, later resolutions winning. */
function incidentDelivery(n: number, state: number, openShift: number) {
  const openedAt = BASE_TIME + n * 7 * MINUTE - openShift * 1000;
  return {
    id: `INC-${n}`,
    entityRef: ENTITY_REFS[n % ENTITY_REFS.length],
    title: `Incident ${n}`,
    severity: `sev${(n % 4) + 1}`,
    status: state === 0 ? 'open' : 'resolved',
    openedAt: iso(openedAt),
    ...(state > 0 && {
      resolvedAt: iso(BASE_TIME + n * 7 * MINUTE + state * 10 * MINUTE),
    }),
    deploymentId: `deploy-${n % DEPLOYMENT_IDS}`,
  };
}

interface Batch {
  path: 'deployments' | 'incidents';
  body: Record<string, Array<{ id: string }>>;
  /** Holds an invalid record: must be refused whole. */
  invalid: boolean;
}

/** The batches sender `sender` sends as its `index`th round, the same on every run. */
function batchesOf(sender: number, index: number): Batch[] {
  const next = random(sender * 100_003 + index * 7919 + 1);
  const pick = (count: number, pool: number) => {
    const ids = new Set<number>();
    while (ids.size < count) {
      ids.add(Math.floor(next() * pool));
    }
    return [...ids];
  };
  const invalid = (sender + index) % 10 === 7;
  const deployments: Array<Record<string, unknown>> = pick(
    DEPLOYMENTS_PER_BATCH,
    DEPLOYMENT_IDS,
  ).map(n =>
    deploymentDelivery(
      n,
      Math.floor(next() * (FINAL_STATUSES.length + 1)),
      Math.floor(next() * 30),
      1 + Math.floor(next() * (2 ** COMMITS_PER_DEPLOYMENT - 1)),
    ),
  );
  if (invalid) {
    // Records that exist only in refused batches: never to be stored.
    deployments.push(
      {
        ...deploymentDelivery(DEPLOYMENT_IDS + sender, 1, 0, 1),
        id: `poison-${sender}-${index}`,
      },
      { ...deploymentDelivery(0, 1, 0, 1), status: 'done' },
    );
  }
  const incidents = pick(INCIDENTS_PER_BATCH, INCIDENT_IDS).map(n =>
    incidentDelivery(
      n,
      Math.floor(next() * (INCIDENT_RESOLUTIONS + 1)),
      Math.floor(next() * 30),
    ),
  );
  return [
    { path: 'deployments', body: { deployments } as any, invalid },
    { path: 'incidents', body: { incidents } as any, invalid: false },
  ];
}

interface SenderFigures {
  requests: number;
  refused: number;
  retriedAfter503: number;
  /** Records of acknowledged batches. */
  acknowledged: number;
  accepted: number;
  updated: number;
  ackedDeploymentIds: Set<string>;
  ackedIncidentIds: Set<string>;
}

function emptyFigures(): SenderFigures {
  return {
    requests: 0,
    refused: 0,
    retriedAfter503: 0,
    acknowledged: 0,
    accepted: 0,
    updated: 0,
    ackedDeploymentIds: new Set(),
    ackedIncidentIds: new Set(),
  };
}

type Send = (batch: Batch) => Promise<{ status: number; body: any }>;

/** Posts a batch to the running plugin. */
const postTo =
  (server: Parameters<typeof request>[0]): Send =>
  batch =>
    request(server)
      .post(`${API}/ingest/${batch.path}`)
      .set('Authorization', SERVICE)
      .send(batch.body);

/** Hands a batch straight to the ingestion service (the serial replay). */
function ingestInto(knex: Knex): Send {
  const ingest = new IngestService({
    stores: createDatabaseStores(knex),
    resolver: new CatalogEntityResolver(
      catalogServiceMock({ entities: testEntities }),
      mockServices.auth(),
    ),
    logger: mockServices.logger.mock(),
    maxBatchSize: 1000,
  });
  return async batch => {
    try {
      const body =
        batch.path === 'deployments'
          ? await ingest.ingestDeployments(batch.body)
          : await ingest.ingestIncidents(batch.body);
      return { status: 202, body };
    } catch (error) {
      if ((error as Error).name !== 'InputError') {
        throw error;
      }
      return { status: 400, body: { error: { name: 'InputError' } } };
    }
  };
}

/** Sends a batch as a CI pipeline would: retrying while the backend answers 503. */
async function sendBatch(send: Send, batch: Batch, figures: SenderFigures) {
  for (let attempt = 1; ; attempt++) {
    figures.requests += 1;
    const response = await send(batch);
    if (response.status === 503 && attempt < 10) {
      figures.retriedAfter503 += 1;
      await new Promise(resolve => setTimeout(resolve, 50 * attempt));
      continue;
    }
    const records = batch.body[batch.path];
    if (batch.invalid) {
      expect({
        status: response.status,
        name: response.body.error?.name,
      }).toEqual({ status: 400, name: 'InputError' });
      figures.refused += 1;
      return;
    }
    if (response.status !== 202) {
      throw new Error(
        `Batch refused with ${response.status}: ${JSON.stringify(
          response.body,
        )}`,
      );
    }
    figures.acknowledged += records.length;
    figures.accepted += response.body.accepted;
    figures.updated += response.body.updated;
    const ids =
      batch.path === 'deployments'
        ? figures.ackedDeploymentIds
        : figures.ackedIncidentIds;
    records.forEach(record => ids.add(record.id));
    return;
  }
}

type Row = Record<string, unknown>;

/** Deployments with their commits and incidents, without keys and receipt times. */
/** Booleans as SQLite stores them, numbers as text (PostgreSQL returns bigints so). */
function normaliseValue(value: unknown) {
  if (typeof value === 'boolean') {
    return Number(value);
  }
  return value === null ? null : String(value);
}

async function dumpState(knex: Knex) {
  const withoutBookkeeping = ({ pk, received_at, updated_at, ...rest }: Row) =>
    rest;
  const normalise = (row: Row): Record<string, any> =>
    Object.fromEntries(
      Object.entries(withoutBookkeeping(row)).map(([key, value]) => [
        key,
        normaliseValue(value),
      ]),
    );
  const commits = await knex('deployment_commits').select('*');
  const commitsByDeployment = new Map<string, string[]>();
  for (const commit of commits) {
    const list = commitsByDeployment.get(String(commit.deployment_pk)) ?? [];
    list.push(`${commit.sha}@${commit.committed_at}`);
    commitsByDeployment.set(String(commit.deployment_pk), list);
  }
  const deployments = (await knex('deployments').select('*'))
    .map(
      (row): Record<string, any> => ({
        ...normalise(row),
        commits: (commitsByDeployment.get(String(row.pk)) ?? []).sort(),
      }),
    )
    .sort((a, b) => String(a.external_id).localeCompare(String(b.external_id)));
  const incidents = (await knex('incidents').select('*'))
    .map(normalise)
    .sort((a, b) => String(a.external_id).localeCompare(String(b.external_id)));
  return { deployments, incidents, commitCount: commits.length };
}

/** The merged state every delivery order must end in, computed from the deliveries alone. */
function expectedState(batches: Batch[]) {
  const deployments = new Map<string, any>();
  const incidents = new Map<string, any>();
  const finishOf = (d: any) => (d.finishedAt ? Date.parse(d.finishedAt) : -1);
  const resolutionOf = (i: any) =>
    i.resolvedAt ? Date.parse(i.resolvedAt) : -1;
  for (const batch of batches.filter(b => !b.invalid)) {
    for (const d of (batch.body.deployments ?? []) as any[]) {
      const known = deployments.get(d.id);
      if (!known) {
        deployments.set(d.id, { ...d, commits: [...d.commits] });
        continue;
      }
      const latest = finishOf(d) > finishOf(known) ? d : known;
      deployments.set(d.id, {
        ...latest,
        startedAt: [known.startedAt, d.startedAt].sort()[0],
        commits: [
          ...new Map(
            [...known.commits, ...d.commits].map(c => [c.sha, c]),
          ).values(),
        ],
      });
    }
    for (const i of (batch.body.incidents ?? []) as any[]) {
      const known = incidents.get(i.id);
      if (!known) {
        incidents.set(i.id, i);
        continue;
      }
      const latest = resolutionOf(i) > resolutionOf(known) ? i : known;
      incidents.set(i.id, {
        ...latest,
        openedAt: [known.openedAt, i.openedAt].sort()[0],
      });
    }
  }
  return { deployments, incidents };
}

describe.each(databases.eachSupportedId())('load on %s', databaseId => {
  it(`stores every accepted record exactly once from ${SENDERS} concurrent senders, as a serial replay would`, async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const { server } = await startTestPlugin({ knex });

    // ----------------------------------------------- concurrent senders
    const sent: Batch[][] = Array.from({ length: SENDERS }, () => []);
    const perSender = Array.from({ length: SENDERS }, emptyFigures);
    const started = Date.now();
    const deadline = started + DURATION_SECONDS * 1000;
    await Promise.all(
      perSender.map(async (figures, sender) => {
        for (
          let index = 0;
          DURATION_SECONDS > 0
            ? Date.now() < deadline
            : index < BATCHES_PER_SENDER;
          index++
        ) {
          for (const batch of batchesOf(sender, index)) {
            sent[sender].push(batch);
            await sendBatch(postTo(server), batch, figures);
          }
        }
      }),
    );
    const concurrentSeconds = (Date.now() - started) / 1000;

    // ----------------------------------------------- serial replay
    const replayKnex = await databases.init(databaseId as TestDatabaseId);
    await applyDatabaseMigrations(replayKnex);
    const replay = ingestInto(replayKnex);
    const replayFigures = emptyFigures();
    const replayStarted = Date.now();
    for (const batches of sent) {
      for (const batch of batches) {
        await sendBatch(replay, batch, replayFigures);
      }
    }
    const replaySeconds = (Date.now() - replayStarted) / 1000;

    // ----------------------------------------------- what was stored
    const total = perSender.reduce((sum, f) => ({
      ...sum,
      requests: sum.requests + f.requests,
      refused: sum.refused + f.refused,
      retriedAfter503: sum.retriedAfter503 + f.retriedAfter503,
      acknowledged: sum.acknowledged + f.acknowledged,
      accepted: sum.accepted + f.accepted,
      updated: sum.updated + f.updated,
    }));
    const ackedDeploymentIds = new Set(
      perSender.flatMap(f => [...f.ackedDeploymentIds]),
    );
    const ackedIncidentIds = new Set(
      perSender.flatMap(f => [...f.ackedIncidentIds]),
    );

    const state = await dumpState(knex);
    const replayed = await dumpState(replayKnex);
    const storedIds = new Set([
      ...state.deployments.map(d => d.external_id),
      ...state.incidents.map(i => i.external_id),
    ]);
    const lost = [...ackedDeploymentIds, ...ackedIncidentIds].filter(
      id => !storedIds.has(id),
    );

    // eslint-disable-next-line no-console
    console.log(
      [
        `Load on ${databaseId}: ${SENDERS} senders, ${
          sent.flat().length
        } batches in ${concurrentSeconds.toFixed(
          1,
        )} s (serial replay ${replaySeconds.toFixed(1)} s)`,
        `  requests tried ${total.requests}, refused ${total.refused} (invalid batches), retried after 503 ${total.retriedAfter503}`,
        `  records acknowledged ${total.acknowledged} (${total.accepted} new, ${total.updated} updates)`,
        `  stored ${state.deployments.length} deployments, ${state.commitCount} commits, ${state.incidents.length} incidents; lost ${lost.length}`,
      ].join('\n'),
    );

    // Nothing acknowledged was lost, nothing refused was stored.
    expect(lost).toEqual([]);
    expect(
      state.deployments.filter(d => String(d.external_id).startsWith('poison')),
    ).toEqual([]);
    // Exactly once: one row per id, and each id counted as new exactly once.
    expect(state.deployments).toHaveLength(ackedDeploymentIds.size);
    expect(state.incidents).toHaveLength(ackedIncidentIds.size);
    expect(total.accepted).toBe(
      ackedDeploymentIds.size + ackedIncidentIds.size,
    );
    expect(total.accepted + total.updated).toBe(total.acknowledged);
    expect(total.refused).toBeGreaterThan(0);

    // The same as one sender after another.
    expect(state.deployments).toEqual(replayed.deployments);
    expect(state.incidents).toEqual(replayed.incidents);
    expect(replayFigures.accepted).toBe(total.accepted);

    // And what the merge rules say, computed without the database.
    const expected = expectedState(sent.flat());
    const toTime = (value: unknown) =>
      value === null ? undefined : iso(Number(value));
    expect(
      state.deployments.map(d => ({
        id: d.external_id,
        status: d.status,
        startedAt: toTime(d.started_at),
        finishedAt: toTime(d.finished_at),
        commits: d.commits.length,
      })),
    ).toEqual(
      [...expected.deployments.values()]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map(d => ({
          id: d.id,
          status: d.status,
          startedAt: d.startedAt,
          finishedAt: d.finishedAt,
          commits: d.commits.length,
        })),
    );
    expect(
      state.incidents.map(i => ({
        id: i.external_id,
        status: i.status,
        openedAt: toTime(i.opened_at),
        resolvedAt: toTime(i.resolved_at),
      })),
    ).toEqual(
      [...expected.incidents.values()]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map(i => ({
          id: i.id,
          status: i.status,
          openedAt: i.openedAt,
          resolvedAt: i.resolvedAt,
        })),
    );
  });
});
