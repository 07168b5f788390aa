import { directionOf } from './ruleStatus';

describe('directionOf', () => {
  it.each([
    ['pass', 'fail', 'worse'],
    ['no-data', 'fail', 'worse'],
    ['pass', 'no-data', 'worse'],
    ['fail', 'exempt', 'better'],
    ['pass', 'not-applicable', 'same'],
    [null, 'fail', 'same'],
  ] as const)('%s → %s got %s', (from, to, direction) => {
    expect(directionOf({ from, to })).toBe(direction);
  });
});
