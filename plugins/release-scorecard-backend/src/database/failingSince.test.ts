import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  RuleResult,
  RuleStatus,
} from '@internal/plugin-release-scorecard-common';
import fc from 'fast-check';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from './migrations';
import { ScorecardStore } from './ScorecardStore';

/*
 * "Failing since" as the store keeps it across evaluations, the rule filter
 * of a service's history and of the changes feed, on both databases.
 */

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const ENTITY = 'component:default/a';
const STATUSES: RuleStatus[] = [
  'pass',
  'fail',
  'exempt',
  'no-data',
  'not-applicable',
];

function result(id: string, status: RuleStatus): RuleResult {
  return {
    id,
    title: id,
    severity: 'warning',
    level: 'bronze',
    weight: 1,
    status,
    facts: [],
    actual: null,
    expected: '',
    message: '',
    exemption: null,
  };
}

describe.each(databases.eachSupportedId())(
  'failing since on %s',
  databaseId => {
    let knex: Knex;
    let store: ScorecardStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      await applyDatabaseMigrations(knex);
      store = new ScorecardStore(knex);
      await store.upsertCatalogEntities(
        [
          {
            entityRef: ENTITY,
            kind: 'component',
            owner: 'group:default/team',
            tags: [],
            annotations: {},
          },
        ],
        0,
      );
    });

    beforeEach(async () => {
      for (const table of [
        'rule_results',
        'rule_status_changes',
        'entity_scorecards',
      ]) {
        await knex(table).delete();
      }
    });

    const evaluate = (at: number, statuses: Record<string, RuleStatus>) =>
      store.writeEvaluations([
        {
          entityRef: ENTITY,
          evaluatedAt: at,
          score: null,
          level: null,
          readiness: { status: 'unknown', gates: [], blockers: [] },
          rules: Object.entries(statuses).map(([id, status]) =>
            result(id, status),
          ),
          facts: {},
          configDigest: 'd',
        },
      ]);

    const failingSince = async (rule: string) =>
      (await store.getScorecard(ENTITY))!.rules.find(r => r.id === rule)
        ?.failingSince;

    it('keeps the start of a failure, and starts again after any other status', async () => {
      await evaluate(1000, { a: 'fail', b: 'pass' });
      expect(await failingSince('a')).toEqual({
        at: new Date(1000).toISOString(),
        firstEvaluation: true,
      });
      expect(await failingSince('b')).toBeUndefined();

      await evaluate(2000, { a: 'fail', b: 'fail' });
      expect(await failingSince('a')).toEqual({
        at: new Date(1000).toISOString(),
        firstEvaluation: true,
      });
      expect(await failingSince('b')).toEqual({
        at: new Date(2000).toISOString(),
        firstEvaluation: false,
      });

      await evaluate(3000, { a: 'pass', b: 'fail' });
      await evaluate(4000, { a: 'fail', b: 'fail' });
      expect(await failingSince('a')).toEqual({
        at: new Date(4000).toISOString(),
        firstEvaluation: false,
      });

      const page = await store.listCompliance({}, { limit: 10 }, 5000);
      expect(page.items[0].failingSince).toEqual({
        a: { at: new Date(4000).toISOString(), firstEvaluation: false },
        b: { at: new Date(2000).toISOString(), firstEvaluation: false },
      });
    });

    it('equals the last change into fail that the history records', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.constantFrom(...STATUSES), {
            minLength: 1,
            maxLength: 8,
          }),
          async statuses => {
            await knex('rule_results').delete();
            await knex('rule_status_changes').delete();
            for (const [index, status] of statuses.entries()) {
              await evaluate(1000 * (index + 1), { r: status });
            }
            const history = (
              await store.listStatusChanges(ENTITY, { limit: 100 })
            ).items;
            const lastIntoFail = history.find(change => change.to === 'fail');
            const expected =
              statuses[statuses.length - 1] === 'fail'
                ? {
                    at: lastIntoFail!.changedAt,
                    firstEvaluation: lastIntoFail!.from === null,
                  }
                : undefined;
            expect(await failingSince('r')).toEqual(expected);
          },
        ),
        { numRuns: 40 },
      );
    });

    it('filters a history and the changes feed by rule', async () => {
      await evaluate(1000, { a: 'pass', b: 'pass' });
      await evaluate(2000, { a: 'fail', b: 'no-data' });
      await evaluate(3000, { a: 'pass', b: 'fail' });

      const history = await store.listStatusChanges(
        ENTITY,
        { limit: 10 },
        { rule: 'b' },
      );
      expect(history.items.map(c => [c.ruleId, c.from, c.to])).toEqual([
        ['b', 'no-data', 'fail'],
        ['b', 'pass', 'no-data'],
        ['b', null, 'pass'],
      ]);

      const feed = await store.listRecentChanges({ rule: 'a' }, 0, {
        limit: 10,
      });
      expect(feed.items.map(c => [c.ruleId, c.from, c.to])).toEqual([
        ['a', 'fail', 'pass'],
        ['a', 'pass', 'fail'],
      ]);
      const intoFail = await store.listRecentChanges({ status: 'fail' }, 0, {
        limit: 10,
      });
      expect(intoFail.items.map(c => [c.ruleId, c.to])).toEqual([
        ['b', 'fail'],
        ['a', 'fail'],
      ]);
    });
  },
);
