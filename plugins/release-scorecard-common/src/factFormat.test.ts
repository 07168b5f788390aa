import fc from 'fast-check';
import {
  describeCondition,
  describeFactValues,
  describeWanted,
  factUnit,
  formatFact,
  formatNumberInUnit,
} from './factFormat';

describe('formatFact', () => {
  it('reads each fact in its unit', () => {
    expect(formatFact('dora.changeFailureRate', 0.375)).toBe('37.5%');
    expect(formatFact('gate.unit-tests.coverage', 0.839)).toBe('83.9%');
    expect(formatFact('dora.recoveryTimeMedianHours', 69)).toBe('2.9 days');
    expect(formatFact('dora.leadTimeMedianHours', 11.5)).toBe('11.5 h');
    expect(formatFact('dora.leadTimeMedianHours', 0.45)).toBe('27 min');
    expect(formatFact('deployment.ageDays', 1)).toBe('1 day');
    expect(formatFact('deployment.ageDays', 0.5)).toBe('12 h');
    expect(formatFact('dora.deploymentsPerWeek', 1.25)).toBe('1.3 / week');
    expect(formatFact('gate.static-analysis.reliabilityRating', 1)).toBe('A');
    expect(formatFact('gate.static-analysis.reliabilityRating', 3)).toBe('C');
    expect(formatFact('gate.load-test.p95Ms', 812.4)).toBe('812 ms');
    expect(formatFact('gate.load-test.throughputPerSecond', 998.04)).toBe(
      '998 / s',
    );
    expect(formatFact('incidents.open.sev1', 2)).toBe('2');
    expect(formatFact('deployment.gitops', true)).toBe('true');
    expect(formatFact('deployment.strategy', 'canary')).toBe('canary');
    expect(formatFact('entity.tags', ['a', 'b'])).toBe('a, b');
    expect(formatFact('flags.stale', null)).toBe('—');
  });

  it('knows the unit of every gate metric with a unit, whatever the gate', () => {
    expect(factUnit('gate.functional-tests.coverage')).toBe('ratio');
    expect(factUnit('gate.e2e.errorRate')).toBe('ratio');
    expect(factUnit('gate.unit-tests.status')).toBeUndefined();
    expect(factUnit('entity.annotations.foo')).toBeUndefined();
  });

  it('shows percentages to one decimal at most, never more than 100.0', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), ratio => {
        expect(formatNumberInUnit(ratio, 'ratio')).toMatch(
          /^(100|\d{1,2}(\.\d)?)%$/,
        );
      }),
    );
  });
});

describe('describeCondition', () => {
  it('says what a single fact condition wants, in the fact unit', () => {
    expect(
      describeCondition({
        fact: 'gate.unit-tests.coverage',
        op: 'gte',
        value: 0.8,
      }),
    ).toBe('at least 80%');
    expect(
      describeCondition({
        fact: 'dora.changeFailureRate',
        op: 'lte',
        value: 0.15,
      }),
    ).toBe('at most 15%');
    expect(
      describeCondition({
        fact: 'dora.recoveryTimeMedianHours',
        op: 'lt',
        value: 72,
      }),
    ).toBe('less than 3 days');
    expect(
      describeCondition({
        fact: 'gate.static-analysis.reliabilityRating',
        op: 'lte',
        value: 2,
      }),
    ).toBe('A or B');
    expect(
      describeCondition({ fact: 'deployment.strategy', op: 'exists' }),
    ).toBe('a value');
    expect(
      describeCondition({ fact: 'flags.stale', op: 'exists', value: false }),
    ).toBe('no value');
    expect(
      describeCondition({
        fact: 'deployment.strategy',
        op: 'in',
        value: ['canary', 'blue-green'],
      }),
    ).toBe('canary or blue-green');
  });

  it('names the facts of combinations and brackets nested ones', () => {
    expect(
      describeCondition({
        all: [
          { fact: 'deployment.gitops', op: 'eq', value: true },
          {
            fact: 'deployment.strategy',
            op: 'in',
            value: ['canary', 'blue-green'],
          },
        ],
      }),
    ).toBe(
      'deployment.gitops is true and deployment.strategy is canary or blue-green',
    );
    expect(
      describeCondition({
        any: [
          { fact: 'flags.stale', op: 'lte', value: 3 },
          {
            all: [
              { fact: 'flags.active', op: 'eq', value: 0 },
              { not: { fact: 'flags.stale', op: 'exists' } },
            ],
          },
        ],
      }),
    ).toBe(
      'flags.stale is at most 3, or (flags.active is 0 and not (flags.stale has a value))',
    );
  });

  it('reads list facts as membership', () => {
    expect(
      describeWanted({ fact: 'entity.tags', op: 'eq', value: 'pci' }, true),
    ).toBe('to include pci');
  });

  it('never shows rule syntax for a number fact', () => {
    const ops = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'];
    const facts = [
      'gate.unit-tests.coverage',
      'dora.changeFailureRate',
      'dora.leadTimeMedianHours',
      'deployment.ageDays',
      'gate.static-analysis.maintainabilityRating',
      'incidents.open',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...facts),
        fc.constantFrom(...ops),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (fact, op, value) => {
          const text = describeCondition({ fact, op: op as any, value });
          expect(text).not.toMatch(/\b(eq|ne|gt|gte|lt|lte)\b/);
          expect(text).not.toMatch(/\d\.\d{4,}/);
        },
      ),
    );
  });
});

describe('describeFactValues', () => {
  it('says each fact once, in its unit', () => {
    expect(
      describeFactValues({
        'flags.stale': 7,
        'dora.changeFailureRate': 0.2,
        'deployment.strategy': null,
      }),
    ).toBe(
      'flags.stale is 7, dora.changeFailureRate is 20%, deployment.strategy has no data',
    );
  });
});
