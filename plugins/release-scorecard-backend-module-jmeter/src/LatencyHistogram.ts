/**
 * Response times below this many milliseconds are counted one bucket per
 * millisecond, so their percentiles are exact.
 */
export const EXACT_BELOW_MS = 65_536; // 2^16
const EXACT_BITS = 16;
/** Above EXACT_BELOW_MS, each power of two is split into 2^10 buckets. */
const SUB_BUCKET_BITS = 10;
const SUB_BUCKETS = 2 ** SUB_BUCKET_BITS;
const PAGE_SIZE = 1024;

/** The bucket of a whole number of milliseconds (0 ≤ ms ≤ 2^53 − 1). */
function bucketOf(ms: number): number {
  if (ms < EXACT_BELOW_MS) {
    return ms;
  }
  let exponent = EXACT_BITS;
  while (ms >= 2 ** (exponent + 1)) {
    exponent += 1;
  }
  const width = 2 ** (exponent - SUB_BUCKET_BITS);
  const subBucket = Math.floor((ms - 2 ** exponent) / width);
  return EXACT_BELOW_MS + (exponent - EXACT_BITS) * SUB_BUCKETS + subBucket;
}

/** The smallest number of milliseconds that falls in the bucket. */
function lowestValueOf(bucket: number): number {
  if (bucket < EXACT_BELOW_MS) {
    return bucket;
  }
  const offset = bucket - EXACT_BELOW_MS;
  const exponent = EXACT_BITS + Math.floor(offset / SUB_BUCKETS);
  const subBucket = offset % SUB_BUCKETS;
  return 2 ** exponent + subBucket * 2 ** (exponent - SUB_BUCKET_BITS);
}

/**
 * Counts of response times for nearest-rank percentiles in bounded memory,
 * whatever the number of samples.
 *
 * Times are whole milliseconds, as JMeter writes `elapsed`. Below
 * EXACT_BELOW_MS (65.5 s) each millisecond has its own counter, so a
 * percentile whose true value is below it is exact: the error bound is 0.
 * Above, a bucket spans 1/1024 of its power of two and a percentile is the
 * bucket's lowest value: at most the true value, and less than 0.1 % below
 * it (within 64 ms at 100 s).
 *
 * Counters live in pages of 1024, allocated when a time first falls in
 * them: memory follows the spread of the times seen (4 KiB per 1024 ms of
 * range below 65.5 s), never the number of samples, and is at most 101 pages
 * (404 KiB) for any input.
 */
export class LatencyHistogram {
  private readonly pages: Array<Uint32Array | undefined> = [];
  private samples = 0;

  /** Adds one response time, a whole number of milliseconds ≥ 0. */
  add(ms: number): void {
    if (!Number.isSafeInteger(ms) || ms < 0) {
      throw new RangeError(
        `A response time must be a whole number of milliseconds ≥ 0, got ${ms}`,
      );
    }
    const bucket = bucketOf(ms);
    const pageIndex = Math.floor(bucket / PAGE_SIZE);
    let page = this.pages[pageIndex];
    if (!page) {
      // A Uint32Array counter holds 4·10^9 samples, more than a body of the
      // largest size accepted can carry (one sample takes at least 8 bytes).
      page = new Uint32Array(PAGE_SIZE);
      this.pages[pageIndex] = page;
    }
    page[bucket % PAGE_SIZE] += 1;
    this.samples += 1;
  }

  get count(): number {
    return this.samples;
  }

  /**
   * The nearest-rank percentile: the ceil(p/100 · n)-th smallest time, the
   * definition of the backend's DORA percentiles. Undefined without samples.
   *
   * @param percentile - in (0, 100], e.g. 95 for the p95
   */
  percentile(percentile: number): number | undefined {
    if (!(percentile > 0 && percentile <= 100)) {
      throw new RangeError(`Percentile must be in (0, 100], got ${percentile}`);
    }
    if (this.samples === 0) {
      return undefined;
    }
    // Multiplying before dividing keeps whole ranks exact (0.07 · 100).
    const rank = Math.ceil((percentile * this.samples) / 100);
    let seen = 0;
    for (let pageIndex = 0; pageIndex < this.pages.length; pageIndex++) {
      const page = this.pages[pageIndex];
      if (!page) {
        continue;
      }
      for (let slot = 0; slot < PAGE_SIZE; slot++) {
        seen += page[slot];
        if (seen >= rank) {
          return lowestValueOf(pageIndex * PAGE_SIZE + slot);
        }
      }
    }
    throw new Error('LatencyHistogram: counts do not add up to its samples');
  }
}
