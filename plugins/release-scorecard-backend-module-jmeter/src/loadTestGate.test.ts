import { ConfigReader } from '@backstage/config';
import {
  judgeLoadTest,
  readLoadTestThresholds,
  toLabelSuffix,
  toLoadTestMetrics,
  toUniqueLabelSuffixes,
} from './loadTestGate';

const DEFAULTS = { p95Ms: 500, errorRate: 0.01 };

function configOf(thresholds: object | undefined) {
  return new ConfigReader({
    releaseScorecard: { gates: { 'load-test': { thresholds } } },
  });
}

describe('readLoadTestThresholds', () => {
  it('defaults to 500 ms and 1 %', () => {
    expect(readLoadTestThresholds(new ConfigReader({}))).toEqual(DEFAULTS);
    expect(readLoadTestThresholds(configOf({ p95Ms: 800 }))).toEqual({
      p95Ms: 800,
      errorRate: 0.01,
    });
  });

  it('refuses thresholds out of range at startup', () => {
    expect(() => readLoadTestThresholds(configOf({ errorRate: 5 }))).toThrow(
      "Invalid config at 'releaseScorecard.gates.load-test.thresholds.errorRate': must be a ratio from 0 to 1 (0.01 for 1 %), got 5",
    );
    expect(() => readLoadTestThresholds(configOf({ p95Ms: 0 }))).toThrow(
      "Invalid config at 'releaseScorecard.gates.load-test.thresholds.p95Ms': must be a number of milliseconds above 0, got 0",
    );
  });
});

describe('judgeLoadTest', () => {
  const figures = {
    samples: 1000,
    errorRate: 0.004,
    p95Ms: 420,
    p99Ms: 610,
    meanMs: 180,
  };

  it('passes when p95Ms and errorRate are at most their thresholds', () => {
    expect(judgeLoadTest(figures, DEFAULTS, 'load-test')).toEqual({
      status: 'passed',
      reason:
        'The load-test gate passed: p95Ms 420 ms is within 500 ms and errorRate 0.4% within 1%.',
    });
    // At the threshold still passes.
    expect(
      judgeLoadTest(
        { ...figures, p95Ms: 500, errorRate: 0.01 },
        DEFAULTS,
        'load-test',
      ).status,
    ).toBe('passed');
  });

  it('fails naming the threshold that p95Ms exceeds', () => {
    expect(
      judgeLoadTest({ ...figures, p95Ms: 812.4 }, DEFAULTS, 'load-test'),
    ).toEqual({
      status: 'failed',
      reason:
        'The load-test gate failed: p95Ms 812.4 ms is above its threshold of 500 ms.',
    });
  });

  it('fails naming the threshold that errorRate exceeds', () => {
    expect(
      judgeLoadTest({ ...figures, errorRate: 3 / 255 }, DEFAULTS, 'soak-test'),
    ).toEqual({
      status: 'failed',
      reason:
        'The soak-test gate failed: errorRate 1.18% is above its threshold of 1%.',
    });
  });

  it('fails naming both when both are exceeded', () => {
    expect(
      judgeLoadTest(
        { ...figures, p95Ms: 10003, errorRate: 0.25 },
        DEFAULTS,
        'load-test',
      ).reason,
    ).toBe(
      'The load-test gate failed: p95Ms 10003 ms is above its threshold of 500 ms; errorRate 25% is above its threshold of 1%.',
    );
  });

  it('is skipped when nothing was measured', () => {
    expect(
      judgeLoadTest({ samples: 0, errorRate: 0 }, DEFAULTS, 'load-test'),
    ).toEqual({
      status: 'skipped',
      reason:
        'The load-test gate is skipped: the results hold no samples, so nothing was measured.',
    });
  });
});

describe('gate metrics', () => {
  it('name a label by its letters and digits', () => {
    expect(toLabelSuffix('POST /orders, create')).toBe('POST_orders_create');
    expect(toLabelSuffix('GET /orders/{id}')).toBe('GET_orders_id');
    expect(toLabelSuffix('Requête HTTP')).toBe('Requete_HTTP');
    expect(toLabelSuffix('/// ')).toBe('unnamed');
    expect(toLabelSuffix('x'.repeat(80))).toHaveLength(64);
  });

  it('keep labels apart that read the same', () => {
    expect(
      toUniqueLabelSuffixes(['GET /a', 'GET_a', 'GET a', 'other']),
    ).toEqual(['GET_a', 'GET_a_2', 'GET_a_3', 'other']);
  });

  it('are the totals plus the same names per label, all valid metric names', () => {
    const metrics = toLoadTestMetrics({
      total: {
        samples: 4,
        errorRate: 0.25,
        p95Ms: 900,
        p99Ms: 900,
        meanMs: 350,
        throughputPerSecond: 2,
      },
      labels: [
        {
          label: 'GET /cart',
          figures: {
            samples: 3,
            errorRate: 0,
            p95Ms: 200,
            p99Ms: 200,
            meanMs: 166.5,
          },
        },
        { label: 'POST /pay', figures: { samples: 0, errorRate: 0 } },
      ],
      omittedLabelSamples: 0,
    });
    expect(metrics).toEqual({
      samples: 4,
      errorRate: 0.25,
      p95Ms: 900,
      p99Ms: 900,
      meanMs: 350,
      throughputPerSecond: 2,
      samples_GET_cart: 3,
      errorRate_GET_cart: 0,
      p95Ms_GET_cart: 200,
      p99Ms_GET_cart: 200,
      meanMs_GET_cart: 166.5,
      samples_POST_pay: 0,
      errorRate_POST_pay: 0,
    });
    for (const name of Object.keys(metrics)) {
      expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    }
  });
});
