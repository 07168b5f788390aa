import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { Knex } from 'knex';
import { whereInList } from './whereInList';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** Text a varchar(255) column holds on both databases (PostgreSQL refuses NUL). */
const storableText = fc
  .string({ unit: 'grapheme', maxLength: 40 })
  .filter(text => !text.includes('\u0000'));

describe.each(databases.eachSupportedId())('whereInList on %s', databaseId => {
  let knex: Knex;

  beforeAll(async () => {
    knex = await databases.init(databaseId as TestDatabaseId);
    await knex.schema.createTable('refs', table => {
      table.string('entity_ref', 255).primary();
    });
  });

  afterAll(() => knex.destroy());

  async function store(refs: string[]) {
    await knex('refs').delete();
    for (let i = 0; i < refs.length; i += 500) {
      await knex('refs').insert(
        refs.slice(i, i + 500).map(entity_ref => ({ entity_ref })),
      );
    }
  }

  const select = (values: string[]): Promise<string[]> =>
    knex('refs')
      .modify(query => whereInList(query, 'entity_ref', values))
      .orderBy('entity_ref')
      .pluck('entity_ref');

  it('finds exactly the stored values that are in the list, whatever their text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(storableText, { maxLength: 30 }),
        fc.array(storableText, { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        async (stored, others, picks) => {
          await store(stored);
          // Some stored values, some that are not, repeats allowed.
          const wanted = [
            ...picks.flatMap(pick =>
              stored.length > 0 ? [stored[pick % stored.length]] : [],
            ),
            ...others,
          ];
          const wantedSet = new Set(wanted);
          const expected = stored.filter(value => wantedSet.has(value));
          expect((await select(wanted)).sort()).toEqual(expected.sort());
        },
      ),
      { numRuns: 60 },
    );
  });

  it('takes a list longer than a statement takes parameters', async () => {
    const stored = Array.from(
      { length: 1000 },
      (_, i) => `component:default/service-${i}`,
    );
    await store(stored);
    const wanted = [
      ...Array.from(
        { length: 70_000 },
        (_, i) => `component:default/elsewhere-${i}`,
      ),
      ...stored.filter((_, i) => i % 3 === 0),
    ];
    const found = await select(wanted);
    expect(found).toHaveLength(334);
    expect(found).toEqual(stored.filter((_, i) => i % 3 === 0).sort());
  });

  it('matches nothing for an empty list', async () => {
    await store(['component:default/a']);
    expect(await select([])).toEqual([]);
  });
});
