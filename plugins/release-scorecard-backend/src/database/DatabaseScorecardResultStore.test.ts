import { RuleStatus } from '@internal/plugin-release-scorecard-common';
import fc from 'fast-check';
import { Knex } from 'knex';
import { describeEachDatabase } from '../__testUtils__/describeEachDatabase';
import {
  RULE_STATUSES_IN_ORDER,
  testEvaluation,
} from '../__testUtils__/ruleResults';
import { DatabaseScorecardResultStore } from './DatabaseScorecardResultStore';

/*
 * The scorecard of an entity, "failing since" as the store keeps it across
 * evaluations, and the history of rule statuses, on both databases.
 */

jest.setTimeout(120_000);

const ENTITY = 'component:default/a';

describeEachDatabase('DatabaseScorecardResultStore', db => {
  let knex: Knex;
  let store: DatabaseScorecardResultStore;

  beforeAll(() => {
    knex = db();
    store = new DatabaseScorecardResultStore(knex);
  });

  const evaluate = (at: number, statuses: Record<string, RuleStatus>) =>
    store.writeEvaluations([testEvaluation(ENTITY, at, statuses)]);

  const failingSince = async (rule: string) =>
    (await store.getScorecard(ENTITY))!.rules.find(r => r.id === rule)
      ?.failingSince;

  it('stores the latest scorecard and finds entities of another configuration', async () => {
    expect(await store.getScorecard(ENTITY)).toBeUndefined();
    await store.writeEvaluations([
      { ...testEvaluation(ENTITY, 1000, { a: 'pass' }), configDigest: 'old' },
      testEvaluation('component:default/b', 1000, { a: 'fail' }),
    ]);
    await store.writeEvaluations([
      {
        ...testEvaluation(ENTITY, 2000, { a: 'fail', b: 'pass' }),
        score: 50,
        level: 'bronze',
        facts: { 'entity.kind': 'component' },
        configDigest: 'old',
      },
    ]);

    const stored = await store.getScorecard(ENTITY);
    expect(stored).toMatchObject({
      entityRef: ENTITY,
      evaluatedAt: new Date(2000).toISOString(),
      score: 50,
      level: 'bronze',
      readiness: { status: 'unknown' },
      facts: { 'entity.kind': 'component' },
      configDigest: 'old',
    });
    expect(stored!.rules.map(r => [r.id, r.status]).sort()).toEqual([
      ['a', 'fail'],
      ['b', 'pass'],
    ]);
    expect(await store.listEntitiesWithStaleConfig('digest')).toEqual([ENTITY]);
  });

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
  });

  it('keeps as failing since the last change into fail that the history records', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...RULE_STATUSES_IN_ORDER), {
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

  it('lists the history of one rule, newest first', async () => {
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
  });
});
