import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The end-to-end test runs the module in the plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import releaseScorecardPlugin from '@internal/plugin-release-scorecard-backend';
import request from 'supertest';
import { gzipSync } from 'zlib';
import releaseScorecardModuleJMeter from '.';
import {
  nearestRank,
  readFixture,
  splitSimpleJtl,
} from './__testUtils__/fixtures';

/*
 * The backend plugin with this module installed: a JTL uploaded to
 * POST /webhooks/jmeter sets the load-test gate of the run, thresholds decide
 * it, and readiness follows.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const SERVICE = mockCredentials.service.header();
const API = '/api/release-scorecard';
const TOKEN = 'jmeter-test-token';

const entities: Entity[] = ['payments-api', 'ledger-service'].map(name => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/payments-team',
    lifecycle: 'production',
  },
}));

type Knex = Awaited<ReturnType<typeof databases.init>>;

async function startBackend(knex: Knex, thresholds?: object) {
  return startTestBackend({
    features: [
      releaseScorecardPlugin,
      releaseScorecardModuleJMeter,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          releaseScorecard: {
            webhooks: { jmeter: { secret: TOKEN } },
            readiness: { requiredGates: ['load-test'] },
            ...(thresholds && {
              gates: { 'load-test': { thresholds } },
            }),
          },
        },
      }),
    ],
  });
}

/** Polls the readiness of an entity until it is `status` (evaluation runs off the request path). */
async function readinessOf(
  server: any,
  name: string,
  status: string,
): Promise<any> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await request(server)
      .get(`${API}/entities/default/component/${name}/scorecard`)
      .set('Authorization', SERVICE)
      .expect(200);
    if (response.body.readiness.status === status || Date.now() > deadline) {
      return response.body.readiness;
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

async function gatesOf(server: any, name: string) {
  const response = await request(server)
    .get(`${API}/entities/default/component/${name}/pipelines`)
    .set('Authorization', SERVICE)
    .expect(200);
  return response.body.items;
}

// JMeter's own dashboard test file and the figures computed here from it.
const htmlReportJtl = readFixture('html-report-test.jtl');
const htmlReportSamples = splitSimpleJtl(htmlReportJtl);
const htmlReportElapsed = htmlReportSamples.map(sample => sample.elapsed);
// JMeter's statistics.json for the same file: its throughput is ours too.
const jmeterStatistics = JSON.parse(
  readFixture('html-report-test.statistics.json'),
);

describe.each(databases.eachSupportedId())(
  'the jmeter module on %s',
  databaseId => {
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
    });

    afterEach(async () => {
      await knex.destroy();
    });

    it('stores the load-test gate of an uploaded JTL, passed by the configured thresholds', async () => {
      const backend = await startBackend(knex, { p95Ms: 400, errorRate: 0.02 });
      const { server } = backend;
      const url = `${API}/webhooks/jmeter?entityRef=payments-api&revision=cand1&runId=run-7`;

      await request(server)
        .post(url)
        .set('Authorization', 'Bearer wrong')
        .send(htmlReportJtl)
        .expect(401);

      const upload = await request(server)
        .post(url)
        .set('Authorization', `Bearer ${TOKEN}`)
        .set('Content-Type', 'text/csv')
        .send(htmlReportJtl)
        .expect(202);
      expect(upload.body).toEqual({
        eventType: 'jmeter.results',
        accepted: 1,
        updated: 0,
        entityRefs: ['component:default/payments-api'],
        notes: [
          'The load-test gate passed: p95Ms 339 ms is within 400 ms and errorRate 1.18% within 2%.',
        ],
      });

      const [run] = await gatesOf(server, 'payments-api');
      expect(run).toMatchObject({
        id: 'run-7',
        revision: 'cand1',
        source: 'jmeter',
      });
      expect(run.gates).toHaveLength(1);
      const [gate] = run.gates;
      expect(gate.gate).toBe('load-test');
      expect(gate.status).toBe('passed');
      expect(gate.metrics).toMatchObject({
        samples: 255,
        errorRate: 3 / 255,
        p95Ms: nearestRank(htmlReportElapsed, 95),
        p99Ms: nearestRank(htmlReportElapsed, 99),
        throughputPerSecond: jmeterStatistics.Total.throughput,
        samples_JR_OK: 252,
        samples_JR_KO: 3,
        errorRate_JR_KO: 1,
        p95Ms_JR_KO: 329,
      });
      expect(gate.metrics.meanMs).toBeCloseTo(
        htmlReportElapsed.reduce((sum, ms) => sum + ms, 0) / 255,
        9,
      );
      expect(gate.metrics.p95Ms).toBe(339);

      const readiness = await readinessOf(server, 'payments-api', 'ready');
      expect(readiness).toMatchObject({
        status: 'ready',
        revision: 'cand1',
        pipelineRunId: 'run-7',
        blockers: [],
      });
      await backend.stop();
    });

    it('fails the gate on the default thresholds, says which, and blocks the release', async () => {
      const backend = await startBackend(knex);
      const { server } = backend;

      // The same file fails the default errorRate threshold of 1 %.
      const jmeterFile = await request(server)
        .post(
          `${API}/webhooks/jmeter?entityRef=payments-api&revision=cand1&runId=run-7`,
        )
        .set('Authorization', `Bearer ${TOKEN}`)
        .send(htmlReportJtl)
        .expect(202);
      expect(jmeterFile.body.notes).toEqual([
        'The load-test gate failed: errorRate 1.18% is above its threshold of 1%.',
      ]);

      // checkout.jtl, sent compressed, exceeds both.
      const checkout = await request(server)
        .post(
          `${API}/webhooks/jmeter?entityRef=ledger-service&revision=r2&runId=run-9`,
        )
        .set('Authorization', `Bearer ${TOKEN}`)
        .set('Content-Encoding', 'gzip')
        .send(gzipSync(readFixture('checkout.jtl')))
        .expect(202);
      expect(checkout.body.notes).toEqual([
        'The load-test gate failed: p95Ms 10003 ms is above its threshold of 500 ms; errorRate 25% is above its threshold of 1%.',
      ]);
      const [run] = await gatesOf(server, 'ledger-service');
      expect(run.gates).toEqual([
        expect.objectContaining({
          gate: 'load-test',
          status: 'failed',
          metrics: expect.objectContaining({
            samples: 12,
            errorRate: 0.25,
            p95Ms: 10003,
            p95Ms_Checkout: 3208,
            samples_POST_orders_create: 3,
          }),
        }),
      ]);
      expect(run.gates[0].metrics).not.toHaveProperty('samples_Retry_payment');

      for (const name of ['payments-api', 'ledger-service']) {
        const readiness = await readinessOf(server, name, 'blocked');
        expect(readiness).toMatchObject({
          status: 'blocked',
          blockers: ['gate:load-test'],
        });
      }
      await backend.stop();
    });

    it("takes a dashboard's statistics.json, and refuses a malformed JTL naming the line", async () => {
      const backend = await startBackend(knex, { p95Ms: 400, errorRate: 0.02 });
      const { server } = backend;

      const statistics = await request(server)
        .post(
          `${API}/webhooks/jmeter?entityRef=payments-api&revision=cand2&runId=run-8`,
        )
        .set('Authorization', `Bearer ${TOKEN}`)
        .set('Content-Type', 'application/json')
        .send(readFixture('html-report-test.statistics.json'))
        .expect(202);
      expect(statistics.body).toMatchObject({
        eventType: 'jmeter.statistics',
        notes: [
          'The load-test gate passed: p95Ms 339.2 ms is within 400 ms and errorRate 1.18% within 2%.',
        ],
      });

      const malformed = readFixture('checkout.jtl').replace(
        '1716282788151,88,',
        '1716282788151,88ms,',
      );
      const refused = await request(server)
        .post(
          `${API}/webhooks/jmeter?entityRef=payments-api&revision=cand3&runId=run-9`,
        )
        .set('Authorization', `Bearer ${TOKEN}`)
        .send(malformed)
        .expect(400);
      expect(refused.body.error).toMatchObject({
        name: 'InputError',
        message:
          'line 22: elapsed is not a whole number of milliseconds: "88ms"',
      });

      const runs = await gatesOf(server, 'payments-api');
      expect(runs.map((run: any) => run.id)).toEqual(['run-8']);
      expect(runs[0].gates[0].metrics.p95Ms).toBe(339.2);
      await backend.stop();
    });
  },
);
