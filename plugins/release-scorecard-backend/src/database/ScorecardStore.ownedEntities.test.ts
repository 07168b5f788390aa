import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from './migrations';
import { CatalogEntityRow, ScorecardStore } from './ScorecardStore';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** The kinds a catalog copy can hold: supporting kinds and whatever data arrived for. */
const KINDS = ['component', 'system', 'group', 'api', 'resource', 'domain'];
const OWNERS = ['group:default/a', 'group:default/b', 'user:default/c'];

const catalogCopy = fc.uniqueArray(
  fc.record({
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
    kind: fc.constantFrom(...KINDS),
    owner: fc.option(fc.constantFrom(...OWNERS), { nil: undefined }),
  }),
  { selector: entity => `${entity.kind}:${entity.name}`, maxLength: 25 },
);

describe.each(databases.eachSupportedId())(
  'ScorecardStore.listOwnedEntityRefs on %s',
  databaseId => {
    let knex: Knex;
    let store: ScorecardStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      await applyDatabaseMigrations(knex);
      store = new ScorecardStore(knex);
    });

    afterAll(() => knex.destroy());

    it('lists exactly the entities of the given owners and kinds', async () => {
      await fc.assert(
        fc.asyncProperty(
          catalogCopy,
          fc.subarray(OWNERS),
          fc.subarray(KINDS, { minLength: 1 }),
          async (entities, owners, kinds) => {
            await knex('catalog_entities').delete();
            const rows: CatalogEntityRow[] = entities.map(entity => ({
              entityRef: `${entity.kind}:default/${entity.name}`,
              kind: entity.kind,
              owner: entity.owner,
              tags: [],
              annotations: {},
            }));
            await store.upsertCatalogEntities(rows, 1);
            const expected = rows
              .filter(
                row =>
                  row.owner !== undefined &&
                  owners.includes(row.owner) &&
                  kinds.includes(row.kind),
              )
              .map(row => row.entityRef)
              .sort();
            expect(
              (await store.listOwnedEntityRefs(owners, kinds)).sort(),
            ).toEqual(expected);
          },
        ),
        { numRuns: 40 },
      );
    });
  },
);
