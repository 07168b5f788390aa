import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import request from 'supertest';
import {
  conditionalCatalogPermissions,
  restrictedCatalog,
} from '../__testUtils__/restrictedCatalog';
import { startTestPlugin } from '../__testUtils__/startTestPlugin';
import { testEntities } from '../__testUtils__/testEntities';

jest.setTimeout(180_000);

/*
 * A user whose catalog access is a conditional decision in a large catalog:
 * the plugin filters the organisation-wide views by the 70,000 entity refs
 * the user may see, more than either database takes as separate parameters
 * (SQLite 32,766, PostgreSQL 65,535).
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const API = '/api/release-scorecard';
const SERVICE = mockCredentials.service.header();
const USER = mockCredentials.user.header();
const OUTSIDER_REF = 'user:default/outsider';
const OUTSIDER = mockCredentials.user.header(OUTSIDER_REF);

const PAYMENTS_API = 'component:default/payments-api';
const LEDGER = 'component:default/ledger-service';
const CART = 'component:default/cart-service';
const VISIBLE_REFS = 70_000;

/** Components the outsider may see that the scorecard has not evaluated (yet). */
function fillerComponents(count: number): Entity[] {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `filler-${String(i).padStart(5, '0')}`,
      namespace: 'default',
    },
    spec: { type: 'service', owner: 'group:default/filler-team' },
  }));
}

const RULES_CONFIG = {
  // Only the entities the test names are evaluated: no scheduled run of all.
  evaluation: {
    schedule: {
      frequency: { hours: 24 },
      timeout: { minutes: 5 },
      initialDelay: { hours: 12 },
    },
  },
  rules: [
    {
      id: 'gitops',
      title: 'Deploys through GitOps',
      check: { fact: 'deployment.gitops', op: 'eq', value: true },
    },
  ],
};

describe.each(databases.eachSupportedId())(
  'organisation-wide views with 70,000 visible entities on %s',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestPlugin>>['server'];
    let stop: () => Promise<void>;

    const get = (path: string, auth: string) =>
      request(server).get(`${API}${path}`).set('Authorization', auth);
    const push = (
      path: string,
      body: object,
      method: 'post' | 'put' = 'post',
    ) =>
      request(server)
        [method](`${API}/ingest/${path}`)
        .set('Authorization', SERVICE)
        .send(body)
        .expect(202);

    async function waitForGitops(expected: Record<string, string>) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const { body } = await get('/compliance?limit=100', USER).expect(200);
        const actual = Object.fromEntries(
          body.items.map((row: any) => [row.entityRef, row.rules.gitops]),
        );
        if (JSON.stringify(actual) === JSON.stringify(expected)) {
          return;
        }
        if (Date.now() > deadline) {
          expect(actual).toEqual(expected);
        }
        await new Promise(resolve => setTimeout(resolve, 250));
      }
    }

    beforeAll(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const entities = [
        ...testEntities,
        // The outsider sees two of the three test services, and the fillers.
        ...fillerComponents(VISIBLE_REFS - 2),
      ];
      const backend = await startTestPlugin({
        knex,
        config: RULES_CONFIG,
        catalog: restrictedCatalog(
          entities,
          (user, entity) =>
            user !== OUTSIDER_REF ||
            stringifyEntityRef(entity).toLocaleLowerCase('en-US') !== LEDGER,
        ),
        features: [conditionalCatalogPermissions([OUTSIDER_REF])],
      });
      server = backend.server;
      stop = async () => {
        await backend.stop();
        await knex.destroy();
      };

      // A first evaluation without data, then data for two services, so that
      // each of them has a status change (no-data → pass) and a flag.
      await request(server)
        .post(`${API}/evaluate`)
        .set('Authorization', USER)
        .send({ entityRefs: [PAYMENTS_API, LEDGER, CART] })
        .expect(202);
      await waitForGitops({
        [CART]: 'no-data',
        [LEDGER]: 'no-data',
        [PAYMENTS_API]: 'no-data',
      });
      const iso = (hoursAgo: number) =>
        new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
      for (const entityRef of [PAYMENTS_API, LEDGER]) {
        await push('deployments', {
          deployments: [
            {
              id: `deploy-${entityRef}`,
              entityRef,
              environment: 'production',
              revision: 'abc123',
              strategy: 'canary',
              gitops: true,
              status: 'succeeded',
              startedAt: iso(3),
              finishedAt: iso(2),
            },
          ],
        });
        await push(
          'flags',
          {
            entityRef,
            provider: 'unleash',
            flags: [
              {
                key: `flag-of-${entityRef.split('/')[1]}`,
                type: 'release',
                temporary: true,
                environments: [{ name: 'production', enabled: true }],
              },
            ],
          },
          'put',
        );
      }
      await waitForGitops({
        [CART]: 'no-data',
        [LEDGER]: 'pass',
        [PAYMENTS_API]: 'pass',
      });
    });

    afterAll(() => stop());

    const refsOf = (body: any) => body.items.map((item: any) => item.entityRef);

    it('lists and counts the compliance view for the entities the user may see', async () => {
      const everyone = await get('/compliance?limit=100', USER).expect(200);
      expect(refsOf(everyone.body)).toEqual([CART, LEDGER, PAYMENTS_API]);

      const outsider = await get('/compliance?limit=100', OUTSIDER).expect(200);
      expect(refsOf(outsider.body)).toEqual([CART, PAYMENTS_API]);
      expect(outsider.body.totalCount).toBe(2);
      expect(outsider.body.rules).toEqual([
        expect.objectContaining({ id: 'gitops', pass: 1, noData: 1 }),
      ]);
      expect(
        outsider.body.owners.map((owner: any) => [owner.owner, owner.pass]),
      ).toEqual([
        ['group:default/checkout-team', 0],
        ['group:default/payments-team', 1],
      ]);

      // Filtered by rule status, the totals count the matching entities only.
      const passing = await get(
        '/compliance?rule=gitops&status=pass',
        OUTSIDER,
      ).expect(200);
      expect(refsOf(passing.body)).toEqual([PAYMENTS_API]);
      expect(passing.body.rules[0]).toMatchObject({ pass: 1, noData: 0 });

      const csv = await get('/compliance?format=csv', OUTSIDER).expect(200);
      expect(csv.text).toContain(PAYMENTS_API);
      expect(csv.text).toContain(CART);
      expect(csv.text).not.toContain(LEDGER);
    });

    it('lists the recent changes of the entities the user may see', async () => {
      const everyone = await get('/compliance/changes', USER).expect(200);
      expect(refsOf(everyone.body).sort()).toEqual([LEDGER, PAYMENTS_API]);
      const outsider = await get('/compliance/changes', OUTSIDER).expect(200);
      expect(refsOf(outsider.body)).toEqual([PAYMENTS_API]);
    });

    it('counts rule results of the entities the user may see', async () => {
      const totals = async (auth: string) =>
        (await get('/rules', auth).expect(200)).body.rules[0].totals;
      expect(await totals(USER)).toMatchObject({ pass: 2, noData: 1 });
      expect(await totals(OUTSIDER)).toMatchObject({ pass: 1, noData: 1 });
    });

    it('lists the flags of the entities the user may see', async () => {
      const everyone = await get('/flags?limit=100', USER).expect(200);
      expect(refsOf(everyone.body).sort()).toEqual([LEDGER, PAYMENTS_API]);
      const outsider = await get('/flags?limit=100', OUTSIDER).expect(200);
      expect(refsOf(outsider.body)).toEqual([PAYMENTS_API]);
      expect(outsider.body.totalCount).toBe(1);
      expect(outsider.body.owners).toEqual([
        {
          owner: 'group:default/payments-team',
          total: 1,
          active: 1,
          stale: 0,
        },
      ]);
    });
  },
);
