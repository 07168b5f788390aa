import { describeAppliesTo, describeFactCondition } from './conditions';

describe('describeFactCondition', () => {
  it('reads a single fact', () => {
    expect(
      describeFactCondition({
        fact: 'gate.unit-tests.coverage',
        op: 'gte',
        value: 0.8,
      }),
    ).toBe('gate.unit-tests.coverage ≥ 0.8');
  });

  it('reads exists without a value as "has a value"', () => {
    expect(describeFactCondition({ fact: 'entity.system', op: 'exists' })).toBe(
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
