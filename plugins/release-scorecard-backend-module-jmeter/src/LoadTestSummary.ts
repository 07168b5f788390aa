import { LatencyHistogram } from './LatencyHistogram';

/**
 * The most sampler labels given figures of their own. Memory grows with
 * labels, not samples, and each label adds six metrics to the gate; the
 * samples of further labels count in the totals.
 */
export const MAX_LABELS = 100;

/** What a load test measured over a set of samples (all samplers, or one label). */
export interface LoadTestFigures {
  samples: number;
  /** Failed samples ÷ samples, 0..1. */
  errorRate: number;
  /** Undefined when there are no samples. */
  p95Ms?: number;
  p99Ms?: number;
  meanMs?: number;
  /**
   * Samples per second of the test's duration, as JMeter computes it.
   * Undefined when the duration is zero.
   */
  throughputPerSecond?: number;
}

/** A load test's results: over all samplers, and per sampler label. */
export interface LoadTestSummary {
  /** Over all samplers; transaction controller samples are not counted twice. */
  total: LoadTestFigures;
  /** Per label in the order first seen, transaction controllers included. */
  labels: Array<{ label: string; figures: LoadTestFigures }>;
  /**
   * Samples of labels beyond the most that get figures of their own
   * (MAX_LABELS); they are counted in `total`.
   */
  omittedLabelSamples: number;
  /** When the last sample ended, in ISO 8601 UTC; undefined when unknown. */
  endedAt?: string;
}

/**
 * Running figures of one set of samples, in constant memory: counts, the sum
 * of response times, a LatencyHistogram and the time window.
 */
export class SampleStatistics {
  private samples = 0;
  private errors = 0;
  private elapsedSumMs = 0;
  private firstStartMs = Number.POSITIVE_INFINITY;
  private lastEndMs = Number.NEGATIVE_INFINITY;
  private readonly histogram = new LatencyHistogram();

  /**
   * Adds one sample. `startMs` is JMeter's timeStamp, the sample's start
   * with the `sampleresult.timestamp.start=true` of JMeter's shipped
   * jmeter.properties; it ends `elapsedMs` later.
   */
  add(sample: { startMs: number; elapsedMs: number; success: boolean }) {
    this.samples += 1;
    if (!sample.success) {
      this.errors += 1;
    }
    this.elapsedSumMs += sample.elapsedMs;
    this.histogram.add(sample.elapsedMs);
    this.firstStartMs = Math.min(this.firstStartMs, sample.startMs);
    this.lastEndMs = Math.max(
      this.lastEndMs,
      sample.startMs + sample.elapsedMs,
    );
  }

  /** When the last sample ended, in epoch milliseconds. */
  get lastEnd(): number | undefined {
    return this.samples > 0 ? this.lastEndMs : undefined;
  }

  /**
   * The figures. Throughput is JMeter's (StatisticsSummaryData), computed
   * in the same order so that it matches to the last digit: samples ÷ (last
   * sample end − first sample start in ms) × 1000.
   */
  figures(): LoadTestFigures {
    if (this.samples === 0) {
      return { samples: 0, errorRate: 0 };
    }
    const durationMs = this.lastEndMs - this.firstStartMs;
    return {
      samples: this.samples,
      errorRate: this.errors / this.samples,
      p95Ms: this.histogram.percentile(95),
      p99Ms: this.histogram.percentile(99),
      meanMs: this.elapsedSumMs / this.samples,
      throughputPerSecond:
        durationMs > 0 ? (this.samples / durationMs) * 1000 : undefined,
    };
  }
}
