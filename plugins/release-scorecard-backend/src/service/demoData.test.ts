import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import demoDataModule, {
  DEMO_PROFILE_ANNOTATION,
  generateDemoHistory,
  DEMO_PROFILES,
} from '@internal/plugin-release-scorecard-backend-module-demo-data';
import { startTestPlugin } from '../__testUtils__/startTestPlugin';
import {
  createIngestSchemas,
  DEFAULT_ACCEPTED_TIMES,
  parseOrThrow,
} from '../ingest/schemas';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const USER = mockCredentials.user.header();

const service = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/checkout-team',
  },
});

const RULES = {
  levels: ['bronze'],
  readiness: { requiredGates: ['unit-tests', 'load-test'] },
  rules: [
    {
      id: 'load-test-passes',
      title: 'The load test of the release candidate passes',
      check: { fact: 'gate.load-test.status', op: 'eq', value: 'passed' },
    },
  ],
};

async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
) {
  const deadline = Date.now() + 90_000;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 500));
    value = await read();
  }
  return value;
}

describe('the demo data module', () => {
  it('produces records the push API accepts', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    const schemas = createIngestSchemas({
      maxBatchSize: 5000,
      acceptedTimes: DEFAULT_ACCEPTED_TIMES,
      now: () => now,
    });
    for (const [name, profile] of Object.entries(DEMO_PROFILES)) {
      const entityRef = `component:default/${name}`;
      const { deployments, runs, incidents, flags } = generateDemoHistory({
        entityRef,
        name,
        profile,
        from: now - 90 * 86_400_000,
        to: now,
      });
      expect(deployments.length).toBeGreaterThan(0);
      parseOrThrow(schemas.deploymentsBatch, { deployments }, name);
      parseOrThrow(schemas.runsBatch, { runs }, name);
      if (incidents.length > 0) {
        parseOrThrow(schemas.incidentsBatch, { incidents }, name);
      }
      parseOrThrow(
        schemas.flagSnapshot,
        { entityRef, provider: flags[0]?.provider ?? 'unleash', flags },
        name,
      );
    }
  });

  it('fills the example services with history that shows every situation', async () => {
    const knex = await databases.init('SQLITE_3');
    const backend = await startTestPlugin({
      knex,
      config: { ...RULES, demoData: { days: 30 } },
      features: [
        demoDataModule,
        mockServices.rootLogger.factory({ level: 'debug' }),
      ],
      entities: [
        service('payments-api', {
          'pagerduty.com/service-id': 'P1',
          [DEMO_PROFILE_ANNOTATION]: 'payments-api',
        }),
        service('checkout-service', {
          'pagerduty.com/service-id': 'P2',
          [DEMO_PROFILE_ANNOTATION]: 'checkout-service',
        }),
        service('search-indexer'),
        // A service of one's own, named like a demo profile but without the
        // annotation: it never receives demo records.
        service('ledger-service', { 'pagerduty.com/service-id': 'P3' }),
      ],
    });
    const get = (path: string) =>
      request(backend.server)
        .get(`/api/release-scorecard${path}`)
        .set('Authorization', USER);

    const checkout = await eventually(
      async () =>
        (
          await get('/entities/default/component/checkout-service/scorecard')
        ).body,
      body => body.readiness?.status === 'blocked',
    );
    expect(checkout.readiness.blockers).toEqual(['gate:load-test']);

    const payments = await get(
      '/entities/default/component/payments-api/scorecard',
    );
    expect(payments.body.readiness.status).toBe('ready');
    const dora = await get(
      '/entities/default/component/payments-api/dora?windowDays=30',
    );
    expect(dora.body.deploymentFrequency.tier).toBe('elite');

    for (const name of ['search-indexer', 'ledger-service']) {
      const [deployments, incidents, runs] = await Promise.all(
        ['deployments', 'incidents', 'pipelines'].map(list =>
          get(`/entities/default/component/${name}/${list}`),
        ),
      );
      expect({
        name,
        deployments: deployments.body.items,
        incidents: incidents.body.items,
        runs: runs.body.items,
      }).toEqual({ name, deployments: [], incidents: [], runs: [] });
    }

    // A week ago the candidate's load test passed: the change shows up.
    const changes = await eventually(
      async () => (await get('/compliance/changes')).body.items,
      items => items.length > 0,
    );
    expect(changes).toContainEqual(
      expect.objectContaining({
        entityRef: 'component:default/checkout-service',
        ruleId: 'load-test-passes',
        from: 'pass',
        to: 'fail',
      }),
    );

    // The module keeps where it got to: a restart only tops up.
    const [{ value }] = await knex('collector_state')
      .where({ collector_id: 'demo-data' })
      .select('value');
    expect(Number(value)).toBeGreaterThan(Date.now() - 60_000);
    await backend.stop();
  });
});
