/*
 * Order statistics for DORA figures. Both take unsorted samples and leave
 * them untouched; both return null for no samples, so that "no data" never
 * reads as zero.
 */

function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/**
 * The median: the middle sample, or the mean of the two middle samples when
 * the count is even.
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = sortedCopy(values);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The nearest-rank percentile: the ceil(p/100 · n)-th smallest sample, always
 * one of the samples (never interpolated).
 *
 * @param percentile - in (0, 100], e.g. 90 for the p90
 */
export function percentileNearestRank(
  values: readonly number[],
  percentile: number,
): number | null {
  if (!(percentile > 0 && percentile <= 100)) {
    throw new RangeError(`Percentile must be in (0, 100], got ${percentile}`);
  }
  if (values.length === 0) {
    return null;
  }
  // Multiplying before dividing keeps whole ranks exact: 0.07 · 100 is
  // 7.000000000000001 in floating point and would pick the 8th sample.
  const rank = Math.ceil((percentile * values.length) / 100);
  return sortedCopy(values)[rank - 1];
}
