import { describeAppliesTo } from './conditions';

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
