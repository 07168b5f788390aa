import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { startTestPlugin } from '../__testUtils__/startTestPlugin';

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

describe('DemoDataSeeder', () => {
  it('fills the example services with history that shows every situation', async () => {
    const knex = await databases.init('SQLITE_3');
    const backend = await startTestPlugin({
      knex,
      config: { ...RULES, demoData: { enabled: true, days: 30 } },
      entities: [
        service('payments-api', { 'pagerduty.com/service-id': 'P1' }),
        service('checkout-service', { 'pagerduty.com/service-id': 'P2' }),
        service('search-indexer'),
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

    const indexer = await get(
      '/entities/default/component/search-indexer/deployments',
    );
    expect(indexer.body.items).toEqual([]);

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
    await backend.stop();
  });
});
