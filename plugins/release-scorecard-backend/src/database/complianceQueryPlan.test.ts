import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from './migrations';
import { DatabaseComplianceStore } from './DatabaseComplianceStore';

jest.setTimeout(180_000);

/*
 * The compliance page of a user who may see 70,000 entities, in a catalog of
 * 70,000 evaluated ones: right on both databases, and still read through the
 * index on entity_ref rather than by scanning and sorting the table.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const STORED = 70_000;
const PAGE = 50;

/** How each database says it reads catalog_entities by its primary key. */
const INDEX_READ: Record<string, RegExp> = {
  POSTGRES_15:
    /Index Scan using catalog_entities_pkey on catalog_entities ce\s.*\n\s*Index Cond: \(\(entity_ref\)::text = ANY /,
  SQLITE_3:
    /SEARCH ce USING INDEX sqlite_autoindex_catalog_entities_1 \(entity_ref=\?\)/,
};

const refOf = (i: number) =>
  `component:default/svc-${String(i).padStart(6, '0')}`;

/** The plan of a captured query, one line per step, long literals cut short. */
async function explain(knex: Knex, query: { sql: string; bindings: any[] }) {
  if (knex.client.dialect === 'postgresql') {
    const result = await knex.raw(
      `EXPLAIN ${query.sql.replace(/\$\d+/g, '?')}`,
      query.bindings,
    );
    return result.rows
      .map((row: any) => String(row['QUERY PLAN']).slice(0, 200))
      .join('\n');
  }
  const rows = await knex.raw(
    `EXPLAIN QUERY PLAN ${query.sql}`,
    query.bindings,
  );
  return rows.map((row: any) => row.detail).join('\n');
}

describe.each(databases.eachSupportedId())(
  'the compliance page of 70,000 visible entities on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseComplianceStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      await applyDatabaseMigrations(knex);
      store = new DatabaseComplianceStore(knex);
      for (let i = 0; i < STORED; i += 400) {
        const batch = Array.from(
          { length: Math.min(400, STORED - i) },
          (_, j) => i + j,
        );
        await knex('catalog_entities').insert(
          batch.map(n => ({
            entity_ref: refOf(n),
            kind: 'component',
            owner: `group:default/team-${n % 50}`,
            tags: '[]',
            annotations: '{}',
            refreshed_at: 1,
          })),
        );
        await knex('entity_scorecards').insert(
          batch.map(n => ({
            entity_ref: refOf(n),
            evaluated_at: 1,
            score: 50,
            level: null,
            readiness: 'ready',
            readiness_detail: '{}',
            facts: '{}',
            config_digest: 'digest',
          })),
        );
      }
      // Statistics, as autovacuum (PostgreSQL) or the optimizer (SQLite) has them.
      await knex.raw('ANALYZE');
    });

    afterAll(() => knex.destroy());

    it('pages and counts the visible entities, reading them through the entity_ref index', async () => {
      // Every other stored entity, and as many the scorecard has not evaluated.
      const visible = [
        ...Array.from({ length: STORED / 2 }, (_, i) => refOf(2 * i + 1)),
        ...Array.from(
          { length: STORED / 2 },
          (_, i) => `component:default/not-evaluated-${i}`,
        ),
      ];
      const queries: Array<{ sql: string; bindings: any[] }> = [];
      const capture = (query: { sql: string; bindings: any[] }) =>
        queries.push(query);
      knex.on('query', capture);
      const page = await store.listCompliance(
        { visibleEntityRefs: visible },
        { limit: PAGE },
        Date.now(),
      );
      knex.off('query', capture);

      expect(page.items.map(row => row.entityRef)).toEqual(
        Array.from({ length: PAGE }, (_, i) => refOf(2 * i + 1)),
      );
      expect(page.nextCursor).toBeDefined();
      expect(await store.countCompliance({ visibleEntityRefs: visible })).toBe(
        STORED / 2,
      );

      const pageQuery = queries.find(query =>
        /from .catalog_entities. as .ce./.test(query.sql),
      )!;
      expect(await explain(knex, pageQuery)).toMatch(INDEX_READ[databaseId]);
    });
  },
);
