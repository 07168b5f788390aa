import { directionOf } from './ruleStatus';

describe('directionOf', () => {
  it.each([
    ['pass', 'fail', 'worse'],
    // Neither meets the rule: not worse, not better (docs/scoring.md).
    ['no-data', 'fail', 'same'],
    ['fail', 'no-data', 'same'],
    ['pass', 'no-data', 'worse'],
    ['fail', 'exempt', 'better'],
    ['pass', 'not-applicable', 'same'],
    [null, 'fail', 'same'],
  ] as const)('%s → %s got %s', (from, to, direction) => {
    expect(directionOf({ from, to })).toBe(direction);
  });
});
