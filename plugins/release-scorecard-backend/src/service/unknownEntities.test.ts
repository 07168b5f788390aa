import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { restrictedCatalog } from '../__testUtils__/restrictedCatalog';
import { startTestPlugin } from '../__testUtils__/startTestPlugin';
import { testEntities } from '../__testUtils__/testEntities';

jest.setTimeout(120_000);

/*
 * Records pushed for an entity before the catalog has it are reported at
 * /operations/unknown-entities, until the catalog learns the entity.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const API = '/api/release-scorecard';
const SERVICE = mockCredentials.service.header();
const USER = mockCredentials.user.header();

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments-team' },
});

describe.each(databases.eachSupportedId())(
  'unknown entity refs on %s',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestPlugin>>['server'];
    let stop: () => Promise<void>;
    /** The catalog; tests add entities to it as the catalog learns them. */
    const catalogEntities: Entity[] = [...testEntities];

    beforeAll(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startTestPlugin({
        knex,
        catalog: restrictedCatalog(catalogEntities, () => true),
        config: {
          // No scheduled full refresh unless a test asks for one.
          evaluation: {
            schedule: {
              frequency: { hours: 24 },
              timeout: { minutes: 5 },
              initialDelay: { hours: 12 },
            },
          },
        },
      });
      server = backend.server;
      stop = async () => {
        await backend.stop();
        await knex.destroy();
      };
    });

    afterAll(() => stop());

    const pushDeploymentFor = async (entityRef: string) =>
      (
        await request(server)
          .post(`${API}/ingest/deployments`)
          .set('Authorization', SERVICE)
          .send({
            deployments: [
              {
                id: `deploy-of-${entityRef}`,
                entityRef,
                environment: 'production',
                revision: 'abc',
                strategy: 'rolling',
                gitops: false,
                status: 'succeeded',
                startedAt: '2026-01-10T10:00:00Z',
                finishedAt: '2026-01-10T10:05:00Z',
              },
            ],
          })
          .expect(202)
      ).body;

    const listedUnknown = async () =>
      (
        await request(server)
          .get(`${API}/operations/unknown-entities`)
          .set('Authorization', USER)
          .expect(200)
      ).body.items.map((item: any) => item.entityRef);

    /** Polls the list until it is `expected` (evaluation runs off the request path). */
    async function expectListedUnknown(expected: string[]) {
      const deadline = Date.now() + 30_000;
      let listed = await listedUnknown();
      while (
        JSON.stringify(listed) !== JSON.stringify(expected) &&
        Date.now() < deadline
      ) {
        await new Promise(resolve => setTimeout(resolve, 200));
        listed = await listedUnknown();
      }
      expect(listed).toEqual(expected);
    }

    it('forgets an unknown ref once the full catalog refresh copies the entity', async () => {
      const pushed = await pushDeploymentFor('component:default/new-svc');
      expect(pushed.unknownEntityRefs).toEqual(['component:default/new-svc']);
      await pushDeploymentFor('component:default/ghost-svc');
      expect(await listedUnknown()).toEqual([
        'component:default/ghost-svc',
        'component:default/new-svc',
      ]);

      catalogEntities.push(component('new-svc'));
      await request(server)
        .post(`${API}/evaluate`)
        .set('Authorization', USER)
        .send({})
        .expect(202);
      // The catalog still has no ghost-svc: that one stays reported.
      await expectListedUnknown(['component:default/ghost-svc']);
    });

    it('forgets an unknown ref once evaluating the entity copies it from the catalog', async () => {
      await pushDeploymentFor('component:default/later-svc');
      expect(await listedUnknown()).toEqual([
        'component:default/ghost-svc',
        'component:default/later-svc',
      ]);

      catalogEntities.push(component('later-svc'));
      await request(server)
        .post(`${API}/evaluate`)
        .set('Authorization', USER)
        .send({ entityRefs: ['component:default/later-svc'] })
        .expect(202);
      await expectListedUnknown(['component:default/ghost-svc']);
      const scorecard = await request(server)
        .get(`${API}/entities/default/component/later-svc/scorecard`)
        .set('Authorization', USER)
        .expect(200);
      expect(scorecard.body.evaluatedAt).not.toBeNull();
    });
  },
);
