import { nextLevel, rulesMissingLevel } from './levels';
import { ruleResult } from './__testUtils__/fixtures';

const levels = ['bronze', 'silver', 'gold'];

describe('nextLevel', () => {
  it('is the level above, or the lowest when none is reached', () => {
    expect(nextLevel(levels, null)).toBe('bronze');
    expect(nextLevel(levels, 'bronze')).toBe('silver');
    expect(nextLevel(levels, 'gold')).toBeUndefined();
    expect(nextLevel(levels, 'platinum')).toBeUndefined();
  });
});

describe('rulesMissingLevel', () => {
  const rules = [
    ruleResult({ id: 'bronze-fail', level: 'bronze', status: 'fail' }),
    ruleResult({ id: 'bronze-no-data', level: 'bronze', status: 'no-data' }),
    ruleResult({ id: 'bronze-exempt', level: 'bronze', status: 'exempt' }),
    ruleResult({ id: 'silver-fail', level: 'silver', status: 'fail' }),
    ruleResult({ id: 'silver-pass', level: 'silver', status: 'pass' }),
    ruleResult({ id: 'gold-fail', level: 'gold', status: 'fail' }),
    ruleResult({
      id: 'silver-n/a',
      level: 'silver',
      status: 'not-applicable',
    }),
    ruleResult({ id: 'unknown-level', level: 'tin', status: 'no-data' }),
  ];

  it('lists what fails or lacks data at the level and below', () => {
    expect(
      rulesMissingLevel(rules, levels, 'bronze').map(rule => rule.id),
    ).toEqual(['bronze-fail', 'bronze-no-data', 'unknown-level']);
    expect(
      rulesMissingLevel(rules, levels, 'silver').map(rule => rule.id),
    ).toEqual([
      'bronze-fail',
      'bronze-no-data',
      'silver-fail',
      'unknown-level',
    ]);
  });
});
