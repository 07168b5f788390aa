import { InputError } from '@backstage/errors';
import { parseWithSchema } from '@internal/plugin-release-scorecard-node';
import { z } from 'zod';
import {
  LoadTestFigures,
  LoadTestSummary,
  MAX_LABELS,
} from './LoadTestSummary';

/**
 * A figure of statistics.json. JMeter writes it with Jackson, which writes
 * a figure it cannot compute (a throughput over no time) as the string
 * "NaN" or "Infinity"; such a figure is left out.
 */
const figure = z
  .union([
    z.number({ error: 'must be a number' }),
    z.enum(['NaN', 'Infinity', '-Infinity'], {
      error: 'must be a number',
    }),
  ])
  .transform(value =>
    typeof value === 'number' && Number.isFinite(value) ? value : undefined,
  );

const count = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more');

/**
 * One entry of statistics.json (JMeter's SamplingStatistic, written by its
 * JsonExporter): pct1/2/3ResTime are the 90th, 95th and 99th percentiles
 * unless aggregate_rpt_pct1/2/3 were changed.
 */
const samplingStatistic = z
  .object({
    sampleCount: count,
    errorCount: count,
    meanResTime: figure,
    pct2ResTime: figure,
    pct3ResTime: figure,
    throughput: figure.optional(),
  })
  .refine(entry => entry.errorCount <= entry.sampleCount, {
    message: 'errorCount must not exceed sampleCount',
    path: ['errorCount'],
  });

const statisticsJson = z
  .record(z.string(), samplingStatistic, {
    error: 'must be an object of statistics per label',
  })
  .refine(statistics => 'Total' in statistics, {
    message:
      'has no "Total" entry; expected the statistics.json of a JMeter dashboard',
  });

type SamplingStatistic = z.infer<typeof samplingStatistic>;

function toFigures(entry: SamplingStatistic): LoadTestFigures {
  if (entry.sampleCount === 0) {
    return { samples: 0, errorRate: 0 };
  }
  return {
    samples: entry.sampleCount,
    errorRate: entry.errorCount / entry.sampleCount,
    p95Ms: entry.pct2ResTime,
    p99Ms: entry.pct3ResTime,
    meanMs: entry.meanResTime,
    throughputPerSecond: entry.throughput,
  };
}

/**
 * Reads the statistics.json of JMeter's HTML dashboard (`jmeter -g … -o …`):
 * an entry per label and one named "Total". The figures are JMeter's own:
 * its percentiles interpolate, over the last 20000 samples of each label by
 * default (jmeter.reportgenerator.statistic_window), where the JTL gives
 * exact nearest-rank percentiles over every sample.
 */
export function summarizeStatisticsJson(text: string): LoadTestSummary {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(
      `The statistics.json is not valid JSON: ${(error as Error).message}`,
    );
  }
  const statistics = parseWithSchema(
    statisticsJson,
    document,
    'JMeter statistics.json',
  );
  const labels = Object.keys(statistics).filter(label => label !== 'Total');
  return {
    total: toFigures(statistics.Total),
    labels: labels.slice(0, MAX_LABELS).map(label => ({
      label,
      figures: toFigures(statistics[label]),
    })),
    omittedLabelSamples: labels
      .slice(MAX_LABELS)
      .reduce((sum, label) => sum + statistics[label].sampleCount, 0),
  };
}
