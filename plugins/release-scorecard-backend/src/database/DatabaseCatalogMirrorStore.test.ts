import fc from 'fast-check';
import { Knex } from 'knex';
import { describeEachDatabase } from '../__testUtils__/describeEachDatabase';
import { testEvaluation } from '../__testUtils__/ruleResults';
import { MirroredEntity } from './CatalogMirrorStore';
import { DatabaseCatalogMirrorStore } from './DatabaseCatalogMirrorStore';
import { DatabaseScorecardResultStore } from './DatabaseScorecardResultStore';

jest.setTimeout(120_000);

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

function group(name: string, parent?: string): MirroredEntity {
  return {
    entityRef: `group:default/${name}`,
    kind: 'group',
    parent: parent && `group:default/${parent}`,
    tags: [],
    annotations: {},
  };
}

describeEachDatabase('DatabaseCatalogMirrorStore', db => {
  let knex: Knex;
  let store: DatabaseCatalogMirrorStore;

  beforeAll(() => {
    knex = db();
    store = new DatabaseCatalogMirrorStore(knex);
  });

  it('keeps every field of an entity, and replaces it when copied again', async () => {
    const payments: MirroredEntity = {
      entityRef: 'component:default/payments-api',
      kind: 'component',
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
      system: 'system:default/payments',
      title: 'Payments API',
      tags: ['java'],
      annotations: { 'argocd/app-name': 'payments-api' },
    };
    await store.upsertCatalogEntities([payments], 1);
    await store.upsertCatalogEntities([{ ...payments, tags: ['kotlin'] }], 2);
    expect(
      await store.getCatalogEntities([
        payments.entityRef,
        'component:default/x',
      ]),
    ).toEqual(
      new Map([
        [
          payments.entityRef,
          { ...payments, tags: ['kotlin'], parent: undefined },
        ],
      ]),
    );
  });

  it('lists exactly the entities of the given owners and kinds', async () => {
    await fc.assert(
      fc.asyncProperty(
        catalogCopy,
        fc.subarray(OWNERS),
        fc.subarray(KINDS, { minLength: 1 }),
        async (entities, owners, kinds) => {
          await knex('catalog_entities').delete();
          const rows: MirroredEntity[] = entities.map(entity => ({
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

  it('expands a group to every group below it, and stops at a cycle', async () => {
    await store.upsertCatalogEntities(
      [
        group('org'),
        group('platform', 'org'),
        group('payments', 'platform'),
        group('loop-a', 'loop-b'),
        group('loop-b', 'loop-a'),
        group('other'),
      ],
      1,
    );
    expect((await store.expandGroup('group:default/platform')).sort()).toEqual([
      'group:default/payments',
      'group:default/platform',
    ]);
    expect((await store.expandGroup('group:default/loop-a')).sort()).toEqual([
      'group:default/loop-a',
      'group:default/loop-b',
    ]);
  });

  it('forgets entities a refresh did not see, with their results', async () => {
    const results = new DatabaseScorecardResultStore(knex);
    await store.upsertCatalogEntities([group('gone'), group('kept')], 1);
    await results.writeEvaluations([
      testEvaluation('group:default/gone', 1, { a: 'pass' }),
    ]);
    await store.upsertCatalogEntities([group('kept')], 2);

    expect(await store.removeCatalogEntitiesRefreshedBefore(2)).toEqual([
      'group:default/gone',
    ]);
    expect(await store.listCatalogEntityRefs(['group'])).toEqual([
      'group:default/kept',
    ]);
    expect(await results.getScorecard('group:default/gone')).toBeUndefined();
  });
});
