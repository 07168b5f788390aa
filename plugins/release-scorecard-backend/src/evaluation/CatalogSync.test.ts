import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrations';
import {
  createDatabaseStores,
  ReleaseScorecardStores,
} from '../database/ReleaseScorecardStores';
import { CatalogSync } from './CatalogSync';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const KINDS = ['component', 'api', 'resource', 'system', 'group'];

function entityOf(ref: string): Entity {
  const [, kind, name] = /^([^:]+):default\/(.+)$/.exec(ref)!;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', owner: 'group:default/team' },
  };
}

describe.each(databases.eachSupportedId())(
  'CatalogSync and unknown entity refs on %s',
  databaseId => {
    let knex: Knex;
    let stores: ReleaseScorecardStores;

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      await applyDatabaseMigrations(knex);
      stores = createDatabaseStores(knex);
    });

    afterAll(() => knex.destroy());

    beforeEach(async () => {
      await knex('unknown_entity_refs').delete();
      await knex('catalog_entities').delete();
    });

    const report = (refs: string[]) =>
      knex('unknown_entity_refs').insert(
        refs.map((entity_ref, i) => ({
          entity_ref,
          first_seen_at: 100,
          last_seen_at: 200,
          records: i + 1,
        })),
      );
    const reported = () =>
      knex('unknown_entity_refs')
        .orderBy('entity_ref')
        .select('entity_ref', 'records');
    const syncWith = (refs: string[]) =>
      new CatalogSync(
        catalogServiceMock({ entities: refs.map(entityOf) }),
        mockServices.auth(),
        stores,
        ['component'],
      );

    it('refreshAll takes the entities the catalog now has off the report, of any kind', async () => {
      await report([
        'api:default/new-api',
        'component:default/ghost-svc',
        'component:default/new-svc',
        'group:default/new-team',
      ]);
      await syncWith([
        'api:default/new-api',
        'component:default/new-svc',
        'group:default/new-team',
      ]).refreshAll(1000);
      // The one the catalog still lacks stays, with its count.
      expect(await reported()).toEqual([
        { entity_ref: 'component:default/ghost-svc', records: 2 },
      ]);
    });

    it('ensure takes the entities it copies off the report, and only those', async () => {
      await report(['component:default/a', 'component:default/b']);
      const copied = await syncWith([
        'component:default/a',
        'component:default/b',
      ]).ensure(['component:default/a'], 1000);
      expect([...copied.keys()]).toEqual(['component:default/a']);
      expect(await reported()).toEqual([
        { entity_ref: 'component:default/b', records: 2 },
      ]);
    });

    it('after refreshAll, the report holds exactly the refs the catalog lacks', async () => {
      const ref = fc
        .tuple(
          fc.constantFrom(...KINDS),
          fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
        )
        .map(([kind, name]) => `${kind}:default/${name}`);
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(ref, { maxLength: 20 }),
          fc.uniqueArray(ref, { maxLength: 20 }),
          fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
          async (reportedRefs, otherCatalogRefs, learned) => {
            await knex('unknown_entity_refs').delete();
            await knex('catalog_entities').delete();
            if (reportedRefs.length > 0) {
              await report(reportedRefs);
            }
            const learnedRefs = reportedRefs.filter((_, i) => learned[i]);
            const catalogRefs = [
              ...new Set([...learnedRefs, ...otherCatalogRefs]),
            ];
            await syncWith(catalogRefs).refreshAll(1000);
            expect(
              (await reported()).map((row: any) => row.entity_ref),
            ).toEqual(
              reportedRefs.filter(r => !catalogRefs.includes(r)).sort(),
            );
          },
        ),
        { numRuns: 40 },
      );
    });
  },
);
