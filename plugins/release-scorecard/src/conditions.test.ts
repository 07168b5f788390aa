import { describeAppliesTo, describeCondition } from './conditions';

describe('describeCondition', () => {
  it('reads a single fact', () => {
    expect(
      describeCondition({
        fact: 'gate.unit-tests.coverage',
        op: 'gte',
        value: 0.8,
      }),
    ).toBe('gate.unit-tests.coverage ≥ 0.8');
  });

  it('reads combinators with nested parentheses', () => {
    expect(
      describeCondition({
        all: [
          { fact: 'deployment.gitops', op: 'eq', value: true },
          {
            any: [
              {
                fact: 'deployment.strategy',
                op: 'in',
                value: ['canary', 'blue-green'],
              },
              { not: { fact: 'flags.stale', op: 'exists', value: false } },
            ],
          },
        ],
      }),
    ).toBe(
      'deployment.gitops = true and (deployment.strategy is one of [canary, blue-green] or not flags.stale has no value)',
    );
  });

  it('reads exists without a value as "has a value"', () => {
    expect(describeCondition({ fact: 'entity.system', op: 'exists' })).toBe(
      'entity.system has a value',
    );
  });
});

describe('describeAppliesTo', () => {
  it('lists every restriction, or says every entity', () => {
    expect(
      describeAppliesTo({
        kind: ['component'],
        type: ['service', 'website'],
        tags: ['pci'],
      }),
    ).toBe('kind component, type service or website, tag pci');
    expect(describeAppliesTo(undefined)).toBe('every entity');
    expect(describeAppliesTo({ kind: [] })).toBe('every entity');
  });
});
