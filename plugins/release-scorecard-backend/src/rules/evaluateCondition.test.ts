import {
  ConditionValue,
  RuleCondition,
  RuleOperator,
} from '@internal/plugin-release-scorecard-common';
import { evaluateCondition } from './evaluateCondition';
import { ConditionOutcome, Facts } from './types';

const facts: Facts = {
  'gate.unit-tests.coverage': 0.72,
  'deployment.strategy': 'canary',
  'deployment.gitops': true,
  'entity.tags': ['java', 'payments'],
  'dora.tier': null,
  'gate.load-test.p95Ms': undefined,
};

function outcomeOf(condition: RuleCondition, withFacts: Facts = facts) {
  return evaluateCondition(condition, withFacts).outcome;
}

describe('evaluateCondition', () => {
  describe('operators', () => {
    const operatorCases: Array<
      [string, RuleOperator, ConditionValue, ConditionOutcome]
    > = [
      ['gate.unit-tests.coverage', 'eq', 0.72, 'pass'],
      ['gate.unit-tests.coverage', 'eq', 0.7, 'fail'],
      ['deployment.strategy', 'eq', 'canary', 'pass'],
      ['deployment.strategy', 'eq', 'Canary', 'fail'],
      ['deployment.gitops', 'eq', true, 'pass'],
      ['deployment.gitops', 'eq', false, 'fail'],
      ['deployment.strategy', 'ne', 'rolling', 'pass'],
      ['deployment.strategy', 'ne', 'canary', 'fail'],
      ['gate.unit-tests.coverage', 'gt', 0.7, 'pass'],
      ['gate.unit-tests.coverage', 'gt', 0.72, 'fail'],
      ['gate.unit-tests.coverage', 'gte', 0.72, 'pass'],
      ['gate.unit-tests.coverage', 'gte', 0.8, 'fail'],
      ['gate.unit-tests.coverage', 'lt', 0.8, 'pass'],
      ['gate.unit-tests.coverage', 'lt', 0.72, 'fail'],
      ['gate.unit-tests.coverage', 'lte', 0.72, 'pass'],
      ['gate.unit-tests.coverage', 'lte', 0.7, 'fail'],
      ['deployment.strategy', 'in', ['canary', 'blue-green'], 'pass'],
      ['deployment.strategy', 'in', ['rolling', 'recreate'], 'fail'],
      ['deployment.strategy', 'notIn', ['rolling', 'recreate'], 'pass'],
      ['deployment.strategy', 'notIn', ['canary'], 'fail'],
      ['gate.unit-tests.coverage', 'in', [0.5, 0.72], 'pass'],
      // List facts: eq / ne test membership, in / notIn any element.
      ['entity.tags', 'eq', 'java', 'pass'],
      ['entity.tags', 'eq', 'go', 'fail'],
      ['entity.tags', 'ne', 'go', 'pass'],
      ['entity.tags', 'ne', 'payments', 'fail'],
      ['entity.tags', 'in', ['go', 'payments'], 'pass'],
      ['entity.tags', 'in', ['go', 'rust'], 'fail'],
      ['entity.tags', 'notIn', ['go', 'rust'], 'pass'],
      ['entity.tags', 'notIn', ['legacy', 'java'], 'fail'],
    ];

    it.each(operatorCases)('%s %s %j is %s', (fact, op, value, outcome) => {
      expect(outcomeOf({ fact, op, value })).toBe(outcome);
    });

    it('treats an empty list fact as data that contains nothing', () => {
      expect(
        outcomeOf(
          { fact: 'entity.tags', op: 'eq', value: 'java' },
          { 'entity.tags': [] },
        ),
      ).toBe('fail');
      expect(
        outcomeOf(
          { fact: 'entity.tags', op: 'notIn', value: ['java'] },
          { 'entity.tags': [] },
        ),
      ).toBe('pass');
    });

    it('does not compare numbers with strings', () => {
      expect(
        outcomeOf(
          { fact: 'gate.unit-tests.coverage', op: 'gte', value: 0.5 },
          { 'gate.unit-tests.coverage': '0.9' },
        ),
      ).toBe('fail');
      expect(
        outcomeOf(
          { fact: 'incidents.open', op: 'eq', value: 0 },
          { 'incidents.open': '0' },
        ),
      ).toBe('fail');
    });

    it('exists requires data, and exists: false requires its absence', () => {
      expect(outcomeOf({ fact: 'deployment.strategy', op: 'exists' })).toBe(
        'pass',
      );
      expect(outcomeOf({ fact: 'dora.tier', op: 'exists' })).toBe('fail');
      expect(outcomeOf({ fact: 'gate.load-test.p95Ms', op: 'exists' })).toBe(
        'fail',
      );
      expect(outcomeOf({ fact: 'flags.stale', op: 'exists' })).toBe('fail');
      expect(
        outcomeOf({ fact: 'flags.stale', op: 'exists', value: false }),
      ).toBe('pass');
      expect(
        outcomeOf({ fact: 'deployment.strategy', op: 'exists', value: false }),
      ).toBe('fail');
      // Falsy values are data.
      expect(
        outcomeOf(
          { fact: 'incidents.open', op: 'exists' },
          { 'incidents.open': 0 },
        ),
      ).toBe('pass');
    });
  });

  describe('missing data', () => {
    const conditionsOnMissingFacts: RuleCondition[] = [
      { fact: 'gate.load-test.p95Ms', op: 'eq', value: 1 },
      { fact: 'gate.load-test.p95Ms', op: 'ne', value: 1 },
      { fact: 'gate.load-test.p95Ms', op: 'gt', value: 1 },
      { fact: 'gate.load-test.p95Ms', op: 'gte', value: 1 },
      { fact: 'gate.load-test.p95Ms', op: 'lt', value: 1 },
      { fact: 'gate.load-test.p95Ms', op: 'lte', value: 1 },
      { fact: 'dora.tier', op: 'in', value: ['elite'] },
      { fact: 'dora.tier', op: 'notIn', value: ['low'] },
      { fact: 'flags.stale', op: 'lte', value: 3 },
    ];

    it.each(conditionsOnMissingFacts.map(condition => [condition]))(
      'is no-data for %j, not a silent pass or fail',
      condition => {
        expect(outcomeOf(condition)).toBe('no-data');
      },
    );

    it('reports the missing fact as null in actual and says how to send it', () => {
      expect(
        evaluateCondition(
          { fact: 'gate.load-test.p95Ms', op: 'lte', value: 500 },
          facts,
        ),
      ).toEqual({
        outcome: 'no-data',
        actual: { 'gate.load-test.p95Ms': null },
        reasons: [
          'No data for gate.load-test.p95Ms: send load-test results with the p95Ms metric for the release candidate.',
        ],
      });
    });
  });

  describe('combinators', () => {
    const pass: RuleCondition = {
      fact: 'deployment.gitops',
      op: 'eq',
      value: true,
    };
    const fail: RuleCondition = {
      fact: 'gate.unit-tests.coverage',
      op: 'gte',
      value: 0.8,
    };
    const noData: RuleCondition = {
      fact: 'dora.tier',
      op: 'eq',
      value: 'elite',
    };

    const conditionWithOutcome = { pass, fail, 'no-data': noData };
    const combinatorCases: Array<
      ['all' | 'any', ConditionOutcome[], ConditionOutcome]
    > = [
      ['all', ['pass', 'pass'], 'pass'],
      ['all', ['pass', 'fail'], 'fail'],
      ['all', ['no-data', 'fail'], 'fail'],
      ['all', ['pass', 'no-data'], 'no-data'],
      ['any', ['fail', 'pass'], 'pass'],
      ['any', ['no-data', 'pass'], 'pass'],
      ['any', ['fail', 'no-data'], 'no-data'],
      ['any', ['fail', 'fail'], 'fail'],
    ];

    it.each(combinatorCases)(
      '%s of children that %j is %s',
      (combinator, childOutcomes, outcome) => {
        const children = childOutcomes.map(
          childOutcome => conditionWithOutcome[childOutcome],
        );
        expect(
          outcomeOf(
            combinator === 'all' ? { all: children } : { any: children },
          ),
        ).toBe(outcome);
      },
    );

    it.each([
      ['pass', 'fail'],
      ['fail', 'pass'],
      ['no-data', 'no-data'],
    ] as const)('not of a child that is %s is %s', (childOutcome, outcome) => {
      expect(outcomeOf({ not: conditionWithOutcome[childOutcome] })).toBe(
        outcome,
      );
    });

    it('nests', () => {
      const condition: RuleCondition = {
        all: [pass, { any: [fail, { not: { not: pass } }] }],
      };
      expect(outcomeOf(condition)).toBe('pass');
      expect(outcomeOf({ not: condition })).toBe('fail');
    });

    it('collects the value of every fact it names', () => {
      expect(
        evaluateCondition({ all: [pass, fail, noData] }, facts).actual,
      ).toEqual({
        'deployment.gitops': true,
        'gate.unit-tests.coverage': 0.72,
        'dora.tier': null,
      });
    });

    it('explains a failure with the failing conditions only', () => {
      expect(
        evaluateCondition(
          {
            all: [
              pass,
              fail,
              { fact: 'deployment.strategy', op: 'in', value: ['blue-green'] },
              noData,
            ],
          },
          facts,
        ).reasons,
      ).toEqual([
        'gate.unit-tests.coverage is 72%; the rule wants at least 80%.',
        'deployment.strategy is canary; the rule wants blue-green.',
      ]);
    });

    it('explains a failed either/or once, in words', () => {
      // The review's example: "flags.stale is 7; the rule wants at most 3.
      // flags.stale is 7; the rule wants it to have no value."
      const result = evaluateCondition(
        {
          any: [
            { fact: 'flags.stale', op: 'lte', value: 3 },
            { fact: 'flags.stale', op: 'exists', value: false },
          ],
        },
        { 'flags.stale': 7 },
      );
      expect(result.outcome).toBe('fail');
      expect(result.reasons).toEqual([
        'flags.stale is 7; the rule wants: flags.stale is at most 3, or flags.stale has no value.',
      ]);
    });

    it('explains a no-data outcome with the missing facts', () => {
      expect(evaluateCondition({ any: [fail, noData] }, facts).reasons).toEqual(
        [
          'No data for dora.tier: report production deployments through the push API or the Argo CD, GitHub or GitLab webhooks.',
        ],
      );
    });

    it('explains a failing not with the values it refused', () => {
      expect(
        evaluateCondition(
          {
            not: { fact: 'deployment.strategy', op: 'eq', value: 'canary' },
          },
          facts,
        ).reasons,
      ).toEqual([
        'deployment.strategy is canary; the rule wants not (deployment.strategy is canary).',
      ]);
    });
  });
});
