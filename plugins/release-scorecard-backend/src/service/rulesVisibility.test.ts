import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import request from 'supertest';
import {
  conditionalCatalogPermissions,
  restrictedCatalog,
} from '../__testUtils__/restrictedCatalog';
import { startTestPlugin } from '../__testUtils__/startTestPlugin';
import { testEntities } from '../__testUtils__/testEntities';

jest.setTimeout(60_000);

/*
 * GET /rules lists the exemptions of each rule, with the entity and the
 * reason: only those of entities the caller may see in the catalog.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const API = '/api/release-scorecard';
const USER = mockCredentials.user.header();
/** May read every entity but ledger-service (a conditional catalog decision). */
const OUTSIDER_REF = 'user:default/outsider';
const OUTSIDER = mockCredentials.user.header(OUTSIDER_REF);
/** May read no entity at all. */
const NOBODY_REF = 'user:default/nobody';
const NOBODY = mockCredentials.user.header(NOBODY_REF);

const LEDGER = 'component:default/ledger-service';
const PAYMENTS_API = 'component:default/payments-api';

const RULES_CONFIG = {
  rules: [
    {
      id: 'gitops',
      title: 'Deploys through GitOps',
      check: { fact: 'deployment.gitops', op: 'eq', value: true },
    },
    {
      id: 'canary',
      title: 'Deploys by canary',
      check: { fact: 'deployment.strategy', op: 'eq', value: 'canary' },
    },
  ],
  exemptions: [
    {
      entity: LEDGER,
      rule: 'gitops',
      reason: 'Ledger migration to Argo CD, see FIN-1234',
      expires: '2099-12-31',
    },
    {
      entity: 'Component:default/Payments-API',
      rule: 'gitops',
      reason: 'Payments cut-over in Q3',
    },
    {
      entity: LEDGER,
      rule: 'canary',
      reason: 'Ledger writes cannot be split',
    },
  ],
};

describe.each(databases.eachSupportedId())(
  'exemptions in GET /rules on %s',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestPlugin>>['server'];
    let stop: () => Promise<void>;

    beforeAll(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startTestPlugin({
        knex,
        config: RULES_CONFIG,
        catalog: restrictedCatalog(
          testEntities,
          (user, entity) =>
            user !== OUTSIDER_REF ||
            stringifyEntityRef(entity).toLocaleLowerCase('en-US') !== LEDGER,
        ),
        features: [conditionalCatalogPermissions([OUTSIDER_REF], [NOBODY_REF])],
      });
      server = backend.server;
      stop = async () => {
        await backend.stop();
        await knex.destroy();
      };
    });

    afterAll(() => stop());

    /** Rule id → the exemptions listed with it, as entity and reason. */
    const exemptionsSeenBy = async (auth: string) => {
      const { body } = await request(server)
        .get(`${API}/rules`)
        .set('Authorization', auth)
        .expect(200);
      return Object.fromEntries(
        body.rules.map((rule: any) => [
          rule.id,
          rule.exemptions.map((e: any) => `${e.entity}: ${e.reason}`),
        ]),
      );
    };

    it('lists every exemption to a caller who may see every entity', async () => {
      expect(await exemptionsSeenBy(USER)).toEqual({
        gitops: [
          `${LEDGER}: Ledger migration to Argo CD, see FIN-1234`,
          `${PAYMENTS_API}: Payments cut-over in Q3`,
        ],
        canary: [`${LEDGER}: Ledger writes cannot be split`],
      });
    });

    it('leaves out the exemptions of entities the caller may not see', async () => {
      expect(await exemptionsSeenBy(OUTSIDER)).toEqual({
        gitops: [`${PAYMENTS_API}: Payments cut-over in Q3`],
        canary: [],
      });
      const body = JSON.stringify(
        (
          await request(server)
            .get(`${API}/rules`)
            .set('Authorization', OUTSIDER)
            .expect(200)
        ).body,
      );
      expect(body).not.toContain('ledger-service');
      expect(body).not.toContain('FIN-1234');
    });

    it('lists no exemption to a caller who may see no entity', async () => {
      expect(await exemptionsSeenBy(NOBODY)).toEqual({
        gitops: [],
        canary: [],
      });
    });
  },
);
