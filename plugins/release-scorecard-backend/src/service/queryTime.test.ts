import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { startTestPlugin } from '../__testUtils__/startTestPlugin';
import { useProcessTimeZone } from '../__testUtils__/useProcessTimeZone';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const API = '/api/release-scorecard';
const DORA = `${API}/entities/default/component/payments-api/dora`;

// Midnight in New York is 04:00 UTC on 2026-11-01 (still daylight saving
// time), so a `to` read in the server's zone ends four hours late.
useProcessTimeZone('America/New_York');

describe.each(databases.eachSupportedId())('?to= on %s', databaseId => {
  let server: Awaited<ReturnType<typeof startTestPlugin>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const backend = await startTestPlugin({ knex });
    server = backend.server;
    stop = async () => {
      await backend.stop();
      await knex.destroy();
    };
    // Two deployments: one before UTC midnight, one between UTC midnight
    // and New York midnight, which only a window ending in New York counts.
    const deployment = (id: string, startedAt: string, finishedAt: string) => ({
      id,
      entityRef: 'component:default/payments-api',
      environment: 'production',
      revision: id,
      strategy: 'canary',
      gitops: true,
      status: 'succeeded',
      startedAt,
      finishedAt,
    });
    await request(server)
      .post(`${API}/ingest/deployments`)
      .set('Authorization', mockCredentials.service.header())
      .send({
        deployments: [
          deployment(
            'before-utc-midnight',
            '2026-10-31T23:00:00Z',
            '2026-10-31T23:30:00Z',
          ),
          deployment(
            'after-utc-midnight',
            '2026-11-01T02:00:00Z',
            '2026-11-01T02:30:00Z',
          ),
        ],
      })
      .expect(202);
  });

  afterAll(() => stop());

  const dora = (to: string) =>
    request(server)
      .get(DORA)
      .query({ to, windowDays: 7 })
      .set('Authorization', mockCredentials.user.header());

  it('reads a time without an offset as UTC, like the same time with Z', async () => {
    const withoutOffset = await dora('2026-11-01T00:00:00').expect(200);
    const utc = await dora('2026-11-01T00:00:00Z').expect(200);

    expect(withoutOffset.body.to).toBe('2026-11-01T00:00:00.000Z');
    expect(withoutOffset.body.from).toBe('2026-10-25T00:00:00.000Z');
    expect(withoutOffset.body.deploymentFrequency.deployments).toBe(1);
    expect(withoutOffset.body).toEqual(utc.body);
  });

  it('still honours an explicit offset', async () => {
    const newYork = await dora('2026-11-01T00:00:00-04:00').expect(200);
    expect(newYork.body.to).toBe('2026-11-01T04:00:00.000Z');
    expect(newYork.body.deploymentFrequency.deployments).toBe(2);
  });

  it.each(['2026-13-45', '2026-02-30', '1e9', '   ', 'yesterday'])(
    'refuses %j with 400',
    async to => {
      const response = await dora(to).expect(400);
      expect(response.body.error.message).toBe(
        'to: must be an ISO 8601 time, e.g. 2026-11-01T00:00:00Z',
      );
    },
  );
});
