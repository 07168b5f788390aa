import { Config } from '@backstage/config';
import {
  GateMetrics,
  GateStatus,
} from '@internal/plugin-release-scorecard-common';
import { LoadTestFigures, LoadTestSummary } from './LoadTestSummary';

/** The limits a load test keeps to pass. */
export interface LoadTestThresholds {
  /** Highest 95th percentile response time over all samplers, in ms. */
  p95Ms: number;
  /** Highest share of failed samples over all samplers, 0..1. */
  errorRate: number;
}

export const DEFAULT_LOAD_TEST_THRESHOLDS: LoadTestThresholds = {
  p95Ms: 500,
  errorRate: 0.01,
};

export const THRESHOLDS_CONFIG_KEY =
  'releaseScorecard.gates.load-test.thresholds';

/**
 * `releaseScorecard.gates.load-test.thresholds`, with the defaults for what
 * is not set. A value out of range stops the backend at startup rather than
 * judge every upload by it.
 */
export function readLoadTestThresholds(config: Config): LoadTestThresholds {
  const thresholds = config.getOptionalConfig(THRESHOLDS_CONFIG_KEY);
  const p95Ms =
    thresholds?.getOptionalNumber('p95Ms') ??
    DEFAULT_LOAD_TEST_THRESHOLDS.p95Ms;
  const errorRate =
    thresholds?.getOptionalNumber('errorRate') ??
    DEFAULT_LOAD_TEST_THRESHOLDS.errorRate;
  if (!(Number.isFinite(p95Ms) && p95Ms > 0)) {
    throw new Error(
      `Invalid config at '${THRESHOLDS_CONFIG_KEY}.p95Ms': must be a number of milliseconds above 0, got ${p95Ms}`,
    );
  }
  if (!(errorRate >= 0 && errorRate <= 1)) {
    throw new Error(
      `Invalid config at '${THRESHOLDS_CONFIG_KEY}.errorRate': must be a ratio from 0 to 1 (0.01 for 1 %), got ${errorRate}`,
    );
  }
  return { p95Ms, errorRate };
}

function round(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

const formatMs = (ms: number) => `${round(ms, 1)} ms`;
const formatRatio = (ratio: number) => `${round(ratio * 100, 2)}%`;

/**
 * The gate's verdict: passed when p95Ms and errorRate over all samplers are
 * at most their thresholds, failed otherwise, skipped when nothing was
 * measured; and a sentence that says why, naming each threshold that failed.
 */
export function judgeLoadTest(
  total: LoadTestFigures,
  thresholds: LoadTestThresholds,
  gate: string,
): { status: GateStatus; reason: string } {
  if (total.samples === 0 || total.p95Ms === undefined) {
    return {
      status: 'skipped',
      reason: `The ${gate} gate is skipped: the results hold no samples, so nothing was measured.`,
    };
  }
  const exceeded: string[] = [];
  if (total.p95Ms > thresholds.p95Ms) {
    exceeded.push(
      `p95Ms ${formatMs(total.p95Ms)} is above its threshold of ${formatMs(
        thresholds.p95Ms,
      )}`,
    );
  }
  if (total.errorRate > thresholds.errorRate) {
    exceeded.push(
      `errorRate ${formatRatio(
        total.errorRate,
      )} is above its threshold of ${formatRatio(thresholds.errorRate)}`,
    );
  }
  if (exceeded.length > 0) {
    return {
      status: 'failed',
      reason: `The ${gate} gate failed: ${exceeded.join('; ')}.`,
    };
  }
  return {
    status: 'passed',
    reason: `The ${gate} gate passed: p95Ms ${formatMs(
      total.p95Ms,
    )} is within ${formatMs(thresholds.p95Ms)} and errorRate ${formatRatio(
      total.errorRate,
    )} within ${formatRatio(thresholds.errorRate)}.`,
  };
}

/**
 * The part of a metric name that stands for a sampler label: letters and
 * digits, the rest as `_`, accents dropped (`Requête HTTP` → `Requete_HTTP`,
 * `POST /orders, create` → `POST_orders_create`), at most 64 characters.
 */
export function toLabelSuffix(label: string): string {
  const suffix = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .slice(0, 64)
    .replace(/^_+|_+$/g, '');
  return suffix || 'unnamed';
}

/** Suffixes for the labels, in order, made unique with `_2`, `_3`, … */
export function toUniqueLabelSuffixes(labels: string[]): string[] {
  const used = new Set<string>();
  return labels.map(label => {
    const base = toLabelSuffix(label);
    let suffix = base;
    for (let n = 2; used.has(suffix); n++) {
      suffix = `${base}_${n}`;
    }
    used.add(suffix);
    return suffix;
  });
}

const METRIC_NAMES = [
  'samples',
  'errorRate',
  'p95Ms',
  'p99Ms',
  'meanMs',
  'throughputPerSecond',
] as const;

function figuresToMetrics(figures: LoadTestFigures, suffix = ''): GateMetrics {
  const metrics: GateMetrics = {};
  for (const name of METRIC_NAMES) {
    const value = figures[name];
    if (value !== undefined) {
      metrics[`${name}${suffix}`] = value;
    }
  }
  return metrics;
}

/**
 * The gate's metrics. Over all samplers: `samples`, `errorRate`, `p95Ms`,
 * `p99Ms`, `meanMs`, `throughputPerSecond`. Per sampler label the same
 * names with the label as a suffix (`p95Ms_POST_orders_create`): gate
 * metrics are one flat record of numbers, which every store, rule and view
 * already reads, so per-label figures are plain metrics beside the totals.
 */
export function toLoadTestMetrics(summary: LoadTestSummary): GateMetrics {
  const suffixes = toUniqueLabelSuffixes(
    summary.labels.map(({ label }) => label),
  );
  return Object.assign(
    figuresToMetrics(summary.total),
    ...summary.labels.map(({ figures }, index) =>
      figuresToMetrics(figures, `_${suffixes[index]}`),
    ),
  );
}
