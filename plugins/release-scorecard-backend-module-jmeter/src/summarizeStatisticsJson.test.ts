import { readFixture } from './__testUtils__/fixtures';
import { summarizeStatisticsJson } from './summarizeStatisticsJson';

describe('summarizeStatisticsJson', () => {
  const text = readFixture('html-report-test.statistics.json');

  it("takes JMeter's figures: Total over all samplers, the others per label", () => {
    expect(summarizeStatisticsJson(text)).toEqual({
      total: {
        samples: 255,
        errorRate: 3 / 255,
        p95Ms: 339.2,
        p99Ms: 353,
        meanMs: 235.47450980392148,
        throughputPerSecond: 4.2369361136495804,
      },
      labels: [
        {
          label: 'JR-KO',
          figures: {
            samples: 3,
            errorRate: 1,
            p95Ms: 329,
            p99Ms: 329,
            meanMs: 199.66666666666666,
            throughputPerSecond: 0.07922465471254654,
          },
        },
        {
          label: 'JR-OK',
          figures: {
            samples: 252,
            errorRate: 0,
            p95Ms: 339.35,
            p99Ms: 353,
            meanMs: 235.90079365079367,
            throughputPerSecond: 4.187089806430174,
          },
        },
      ],
      omittedLabelSamples: 0,
    });
  });

  it('leaves out a figure JMeter could not compute ("NaN", "Infinity")', () => {
    const statistics = JSON.parse(text);
    statistics.Total.throughput = 'Infinity';
    statistics['JR-KO'].meanResTime = 'NaN';
    const summary = summarizeStatisticsJson(JSON.stringify(statistics));
    expect(summary.total.throughputPerSecond).toBeUndefined();
    expect(summary.total.p95Ms).toBe(339.2);
    expect(summary.labels[0].figures.meanMs).toBeUndefined();
  });

  it('refuses a document without a Total entry', () => {
    const { Total, ...labels } = JSON.parse(text);
    expect(Total.sampleCount).toBe(255);
    expect(() => summarizeStatisticsJson(JSON.stringify(labels))).toThrow(
      'Invalid JMeter statistics.json: (body): has no "Total" entry; expected the statistics.json of a JMeter dashboard',
    );
  });

  it('names the field that is wrong', () => {
    const statistics = JSON.parse(text);
    statistics['JR-OK'].sampleCount = 'many';
    expect(() => summarizeStatisticsJson(JSON.stringify(statistics))).toThrow(
      'Invalid JMeter statistics.json: JR-OK.sampleCount: must be a number',
    );
    statistics['JR-OK'].sampleCount = 252;
    // JR-KO has 3 errors.
    statistics['JR-KO'].sampleCount = 2;
    expect(() => summarizeStatisticsJson(JSON.stringify(statistics))).toThrow(
      'Invalid JMeter statistics.json: JR-KO.errorCount: errorCount must not exceed sampleCount',
    );
  });

  it('refuses a body that is not JSON', () => {
    expect(() => summarizeStatisticsJson('{"Total": ')).toThrow(
      /^The statistics.json is not valid JSON: /,
    );
  });
});
