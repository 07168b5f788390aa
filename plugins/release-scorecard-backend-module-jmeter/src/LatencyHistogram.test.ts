import fc from 'fast-check';
import { EXACT_BELOW_MS, LatencyHistogram } from './LatencyHistogram';

/** The reference: the ceil(p/100 · n)-th smallest of the sorted samples. */
function nearestRank(samples: number[], percentile: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((percentile * sorted.length) / 100);
  return sorted[rank - 1];
}

function histogramOf(samples: number[]): LatencyHistogram {
  const histogram = new LatencyHistogram();
  samples.forEach(ms => histogram.add(ms));
  return histogram;
}

describe('LatencyHistogram', () => {
  it('gives the nearest-rank percentile of a small set', () => {
    // 10 samples: p95 is the ceil(9.5) = 10th smallest, p90 the 9th, p50 the 5th.
    const histogram = histogramOf([30, 10, 70, 20, 100, 50, 90, 40, 80, 60]);
    expect(histogram.count).toBe(10);
    expect(histogram.percentile(95)).toBe(100);
    expect(histogram.percentile(90)).toBe(90);
    expect(histogram.percentile(50)).toBe(50);
    expect(histogram.percentile(10)).toBe(10);
    expect(histogram.percentile(100)).toBe(100);
  });

  it('keeps whole ranks exact (7 % of 100 is the 7th, not the 8th)', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(histogramOf(samples).percentile(7)).toBe(7);
  });

  it('has no percentile without samples and refuses percentiles out of range', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.percentile(95)).toBeUndefined();
    expect(() => histogram.percentile(0)).toThrow(RangeError);
    expect(() => histogram.percentile(100.5)).toThrow(RangeError);
  });

  it('refuses times that are not whole milliseconds ≥ 0', () => {
    const histogram = new LatencyHistogram();
    expect(() => histogram.add(-1)).toThrow(RangeError);
    expect(() => histogram.add(1.5)).toThrow(RangeError);
    expect(() => histogram.add(Number.NaN)).toThrow(RangeError);
    expect(histogram.count).toBe(0);
  });

  it('is exact at 1 ms just below 65.5 s and within 1/1024 above', () => {
    const histogram = histogramOf([EXACT_BELOW_MS - 1]);
    expect(histogram.percentile(50)).toBe(65_535);
    // 100 000 ms lies in [65 536, 131 072), whose buckets are 64 ms wide.
    const above = histogramOf([100_000]);
    expect(above.percentile(50)).toBe(99_968);
    expect(100_000 - above.percentile(50)!).toBeLessThan(100_000 / 1024);
    expect(histogramOf([Number.MAX_SAFE_INTEGER]).percentile(50)).toBe(
      2 ** 53 - 2 ** 42,
    );
  });

  it('equals the nearest-rank percentile of the sorted samples below 65.5 s (error bound 0)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: EXACT_BELOW_MS - 1 }), {
          minLength: 1,
          maxLength: 400,
        }),
        fc.oneof(
          fc.constantFrom(50, 90, 95, 99, 99.9, 100),
          fc.double({ min: 0.001, max: 100, noNaN: true }),
        ),
        (samples, percentile) => {
          expect(histogramOf(samples).percentile(percentile)).toBe(
            nearestRank(samples, percentile),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is at most the true percentile and less than 0.1 % below it at any time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 40 }), {
          minLength: 1,
          maxLength: 200,
        }),
        fc.constantFrom(50, 95, 99),
        (samples, percentile) => {
          const exact = nearestRank(samples, percentile);
          const reported = histogramOf(samples).percentile(percentile)!;
          expect(reported).toBeLessThanOrEqual(exact);
          expect(exact - reported).toBeLessThan(Math.max(1, exact / 1024));
        },
      ),
      { numRuns: 300 },
    );
  });
});
