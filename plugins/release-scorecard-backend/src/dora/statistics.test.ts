import { median, percentileNearestRank } from './statistics';

describe('median', () => {
  it('is null without samples', () => {
    expect(median([])).toBeNull();
  });

  it('is the middle sample of an odd count, whatever the input order', () => {
    expect(median([5])).toBe(5);
    // sorted: 1, 2, 30 → the 2nd
    expect(median([30, 1, 2])).toBe(2);
  });

  it('is the mean of the two middle samples of an even count', () => {
    // sorted: 1, 2, 4, 10 → (2 + 4) / 2
    expect(median([10, 4, 1, 2])).toBe(3);
    // (1 + 2) / 2
    expect(median([2, 1])).toBe(1.5);
  });

  it('sorts numerically, not as text', () => {
    // as text 100 < 20 < 3; as numbers 3, 20, 100 → 20
    expect(median([100, 3, 20])).toBe(20);
  });

  it('does not reorder its input', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('percentileNearestRank', () => {
  const oneToN = (n: number) => Array.from({ length: n }, (_, i) => n - i); // n … 1, unsorted on purpose

  it('is null without samples', () => {
    expect(percentileNearestRank([], 90)).toBeNull();
  });

  it('is the ceil(p/100 · n)-th smallest sample', () => {
    // n = 1: ceil(0.9) = 1st
    expect(percentileNearestRank([42], 90)).toBe(42);
    // n = 10: ceil(9) = 9th
    expect(percentileNearestRank(oneToN(10), 90)).toBe(9);
    // n = 11: ceil(9.9) = 10th
    expect(percentileNearestRank(oneToN(11), 90)).toBe(10);
    // n = 6: ceil(5.4) = 6th, not the 5th that rounding would give
    expect(percentileNearestRank(oneToN(6), 90)).toBe(6);
    // n = 3: ceil(2.7) = 3rd
    expect(percentileNearestRank([7200, 3600, 86400], 90)).toBe(86400);
  });

  it('never interpolates', () => {
    // p50 of 1, 2, 3, 4: ceil(2) = 2nd sample, where the median is 2.5
    expect(percentileNearestRank([4, 3, 2, 1], 50)).toBe(2);
  });

  it('keeps whole ranks exact despite floating point', () => {
    // 0.07 · 100 = 7.000000000000001 in floating point; 7 · 100 / 100 = 7
    expect(percentileNearestRank(oneToN(100), 7)).toBe(7);
  });

  it('p100 is the largest sample', () => {
    expect(percentileNearestRank([3, 9, 1], 100)).toBe(9);
  });

  it('refuses percentiles outside (0, 100]', () => {
    expect(() => percentileNearestRank([1], 0)).toThrow(RangeError);
    expect(() => percentileNearestRank([1], 100.5)).toThrow(RangeError);
    expect(() => percentileNearestRank([1], NaN)).toThrow(RangeError);
  });
});
