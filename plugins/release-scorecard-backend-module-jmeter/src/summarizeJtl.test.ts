import {
  chunksOf,
  nearestRank,
  readFixture,
  splitSimpleJtl,
} from './__testUtils__/fixtures';
import { summarizeJtl } from './summarizeJtl';

const HEADER =
  'timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect';

describe('summarizeJtl', () => {
  describe("on JMeter's own dashboard test file", () => {
    const jtl = readFixture('html-report-test.jtl');
    // What JMeter's report generator writes for that file.
    const jmeter = JSON.parse(readFixture('html-report-test.statistics.json'));

    it('agrees with JMeter on counts, mean and throughput, and gives exact percentiles', async () => {
      const summary = await summarizeJtl(chunksOf(jtl));

      // Computed here from the file with a plain split (it has no quotes).
      const samples = splitSimpleJtl(jtl);
      const elapsed = samples.map(sample => sample.elapsed);
      const failed = samples.filter(sample => !sample.success).length;
      const firstStart = Math.min(...samples.map(s => s.timeStamp));
      const lastEnd = Math.max(...samples.map(s => s.timeStamp + s.elapsed));
      expect(samples).toHaveLength(255);
      expect(failed).toBe(3);

      expect(summary.total).toEqual({
        samples: 255,
        errorRate: 3 / 255,
        p95Ms: nearestRank(elapsed, 95),
        p99Ms: nearestRank(elapsed, 99),
        meanMs: elapsed.reduce((sum, ms) => sum + ms, 0) / 255,
        throughputPerSecond: (255 / (lastEnd - firstStart)) * 1000,
      });
      expect(summary.total.p95Ms).toBe(339);
      expect(summary.total.p99Ms).toBe(353);

      // JMeter's figures for the same run.
      const total = jmeter.Total;
      expect(summary.total.samples).toBe(total.sampleCount);
      expect(summary.total.errorRate).toBe(
        total.errorCount / total.sampleCount,
      );
      expect(summary.total.errorRate * 100).toBeCloseTo(total.errorPct, 5);
      expect(summary.total.meanMs).toBeCloseTo(total.meanResTime, 10);
      expect(summary.total.throughputPerSecond).toBe(total.throughput);
      // JMeter interpolates (339.2); nearest-rank is a sample, within 1 ms.
      expect(Math.abs(summary.total.p95Ms! - total.pct2ResTime)).toBeLessThan(
        1,
      );
      expect(summary.total.p99Ms).toBe(total.pct3ResTime);
      expect(summary.endedAt).toBe(new Date(lastEnd).toISOString());
    });

    it('agrees with JMeter per label', async () => {
      const summary = await summarizeJtl(chunksOf(jtl));
      expect(summary.labels.map(({ label }) => label)).toEqual([
        'JR-OK',
        'JR-KO',
      ]);
      for (const { label, figures } of summary.labels) {
        expect(figures.samples).toBe(jmeter[label].sampleCount);
        expect(figures.errorRate).toBe(
          jmeter[label].errorCount / jmeter[label].sampleCount,
        );
        expect(figures.meanMs).toBeCloseTo(jmeter[label].meanResTime, 10);
        expect(figures.throughputPerSecond).toBe(jmeter[label].throughput);
      }
      expect(summary.omittedLabelSamples).toBe(0);
    });

    it('reads the same in chunks of any size, with CRLF line ends and a byte order mark', async () => {
      const whole = await summarizeJtl(chunksOf(jtl));
      const crlf = `\uFEFF${jtl.replace(/\n/g, '\r\n')}`;
      await expect(summarizeJtl(chunksOf(jtl, 7))).resolves.toEqual(whole);
      await expect(summarizeJtl(chunksOf(crlf, 1))).resolves.toEqual(whole);
    });
  });

  describe('on a checkout test with transaction controllers and failures', () => {
    const jtl = readFixture('checkout.jtl');
    // The twelve sampler samples of checkout.jtl (transaction controllers
    // left out), in file order: [label, elapsed, success].
    const samplers: Array<[string, number, boolean]> = [
      ['GET /cart', 182, true],
      ['GET /cart', 205, true],
      ['POST /orders, create', 644, true],
      ['GET /orders/{id}', 95, true],
      ['GET /payment-status', 120, true],
      ['GET /cart', 171, true],
      ['POST /orders, create', 702, true],
      ['GET /orders/{id}', 101, true],
      ['GET /payment-status', 131, true],
      ['POST /orders, create', 2911, false],
      ['GET /orders/{id}', 88, false],
      ['GET /payment-status', 10003, false],
    ];
    // The first sample starts at 1716282785012 (line 2), the last ends at
    // 1716282788241 + 10003 (the read timeout on the last line).
    const durationMs = 1716282788241 + 10003 - 1716282785012;

    it('counts every sampler once, at its elapsed time', async () => {
      const summary = await summarizeJtl(chunksOf(jtl, 100));
      const elapsed = samplers.map(([, ms]) => ms);
      expect(summary.total).toEqual({
        samples: 12,
        errorRate: 3 / 12,
        p95Ms: nearestRank(elapsed, 95),
        p99Ms: nearestRank(elapsed, 99),
        meanMs: 15353 / 12,
        throughputPerSecond: (12 / durationMs) * 1000,
      });
      expect(summary.total.p95Ms).toBe(10003);
      expect(summary.endedAt).toBe('2024-05-21T09:13:18.244Z');
    });

    it('gives each label its figures; controllers count per label, empty ones not at all', async () => {
      const summary = await summarizeJtl(chunksOf(jtl));
      expect(
        summary.labels.map(({ label, figures }) => [
          label,
          figures.samples,
          figures.errorRate,
          figures.p95Ms,
        ]),
      ).toEqual([
        ['GET /cart', 3, 0, 205],
        ['POST /orders, create', 3, 1 / 3, 2911],
        ['GET /orders/{id}', 3, 1 / 3, 101],
        ['Checkout', 3, 1 / 3, 3208],
        ['GET /payment-status', 3, 1 / 3, 10003],
      ]);
      const payment = summary.labels[4].figures;
      // GET /payment-status: from 1716282785939 to 1716282788241 + 10003.
      expect(payment.throughputPerSecond).toBe(
        (3 / (1716282788241 + 10003 - 1716282785939)) * 1000,
      );
      expect(payment.meanMs).toBe((120 + 131 + 10003) / 3);
    });
  });

  it('reads a label in UTF-8 split across chunks, and another delimiter', async () => {
    const jtl = [
      'timeStamp;elapsed;label;success',
      '1549967385359;12;Requête HTTP;true',
      '1549967385371;30;Requête HTTP;false',
    ].join('\n');
    const summary = await summarizeJtl(chunksOf(jtl, 1));
    expect(summary.labels).toEqual([
      {
        label: 'Requête HTTP',
        figures: expect.objectContaining({ samples: 2, errorRate: 0.5 }),
      },
    ]);
    expect(summary.total.p95Ms).toBe(30);
  });

  it('counts every row as a sampler in a file without a responseMessage column', async () => {
    const jtl = ['timeStamp,elapsed,label,success', '1000,5,a,true'].join('\n');
    const summary = await summarizeJtl(chunksOf(jtl));
    expect(summary.total.samples).toBe(1);
    expect(summary.total.throughputPerSecond).toBe(200);
  });

  describe('refuses a malformed file with a message that names the line', () => {
    const checkout = readFixture('checkout.jtl').split('\n');

    /** checkout.jtl with one physical line replaced (1-based). */
    function withLine(line: number, text: string): string {
      return checkout
        .map((original, index) => (index === line - 1 ? text : original))
        .join('\n');
    }

    it.each([
      [
        'a missing field',
        withLine(
          3,
          '1716282785031,205,GET /cart,200,OK,Checkout users 1-2,text,true,,2841,412,2,2,https://shop.example.com/cart,190,0',
        ),
        'line 3: 16 fields where the header has 17',
      ],
      [
        'an extra field',
        withLine(2, `${checkout[1]},extra`),
        'line 2: 18 fields where the header has 17',
      ],
      [
        'an elapsed time that is not a number',
        withLine(22, checkout[21].replace(',88,', ',eighty,')),
        'line 22: elapsed is not a whole number of milliseconds: "eighty"',
      ],
      [
        'a negative elapsed time',
        withLine(5, checkout[4].replace(',95,', ',-95,')),
        'line 5: elapsed is not a whole number of milliseconds: "-95"',
      ],
      [
        'a success that is not true or false',
        withLine(25, checkout[24].replace(',false,,2386,', ',maybe,,2386,')),
        'line 25: success must be true or false, got "maybe"',
      ],
      [
        'a formatted timestamp',
        withLine(
          4,
          checkout[3].replace('1716282785196', '2024/05/21 09:13:05.196'),
        ),
        'line 4: timeStamp is not in epoch milliseconds: "2024/05/21 09:13:05.196"',
      ],
    ])('%s', async (_case, jtl, message) => {
      await expect(summarizeJtl(chunksOf(jtl, 50))).rejects.toThrow(message);
    });

    it('a file without its header line', async () => {
      await expect(
        summarizeJtl(chunksOf(checkout.slice(1).join('\n'))),
      ).rejects.toThrow(
        "line 1: the results start with a sample, not the header line; expected JMeter's CSV results with their header",
      );
    });

    it('a header without the columns the figures need', async () => {
      await expect(
        summarizeJtl(chunksOf('timeStamp,label,responseCode\n1,a,200\n')),
      ).rejects.toThrow('line 1: the header lacks elapsed, success;');
    });

    it('an empty body', async () => {
      await expect(summarizeJtl(chunksOf(''))).rejects.toThrow(
        `The request body is empty; expected JMeter's CSV results with their header line (${HEADER})`,
      );
    });
  });
});
