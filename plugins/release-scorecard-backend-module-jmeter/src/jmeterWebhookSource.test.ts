import { ConfigReader } from '@backstage/config';
import { chunksOf, readFixture } from './__testUtils__/fixtures';
import { createJMeterWebhookSource } from './jmeterWebhookSource';

const source = createJMeterWebhookSource({
  thresholds: { p95Ms: 500, errorRate: 0.01 },
});
const QUERY = {
  entityRef: 'payments-api',
  revision: 'a1b2c3d',
  runId: '4711',
};

function upload(
  body: AsyncIterable<Buffer>,
  query: Record<string, string> = QUERY,
) {
  return source.map(
    { headers: {}, query, body },
    new ConfigReader({ secret: 'jmeter-token' }),
  );
}

describe('the jmeter webhook source', () => {
  it('is verified by a bearer token in the headers alone', () => {
    expect(source.streaming).toBe(true);
    expect(
      source.verify(
        { headers: { authorization: 'Bearer jmeter-token' }, query: {} },
        'jmeter-token',
      ),
    ).toBe(true);
    expect(
      source.verify(
        { headers: { authorization: 'Bearer guess' }, query: {} },
        'jmeter-token',
      ),
    ).toBe(false);
    expect(source.verify({ headers: {}, query: {} }, 'jmeter-token')).toBe(
      false,
    );
  });

  it('maps a JTL to the load-test gate of the run, failed with the reason', async () => {
    const result = await upload(chunksOf(readFixture('checkout.jtl')));
    expect(result).toEqual({
      kind: 'event',
      event: {
        eventType: 'jmeter.results',
        lookup: {
          type: 'entityRef',
          entityRef: 'component:default/payments-api',
        },
        gateReports: [
          {
            revision: 'a1b2c3d',
            runId: '4711',
            gate: 'load-test',
            status: 'failed',
            metrics: expect.objectContaining({
              samples: 12,
              errorRate: 0.25,
              p95Ms: 10003,
              samples_POST_orders_create: 3,
              p95Ms_Checkout: 3208,
            }),
            reportedAt: '2024-05-21T09:13:18.244Z',
          },
        ],
        notes: [
          'The load-test gate failed: p95Ms 10003 ms is above its threshold of 500 ms; errorRate 25% is above its threshold of 1%.',
        ],
      },
    });
  });

  it("maps a dashboard's statistics.json, dated by its arrival", async () => {
    const before = Date.now();
    const result = await upload(
      chunksOf(`\n  ${readFixture('html-report-test.statistics.json')}`, 3),
      { ...QUERY, gate: 'soak-test' },
    );
    if (result.kind !== 'event') {
      throw new Error('expected an event');
    }
    const [report] = result.event.gateReports!;
    expect(result.event.eventType).toBe('jmeter.statistics');
    expect(report).toMatchObject({
      gate: 'soak-test',
      status: 'failed',
      metrics: { samples: 255, p95Ms: 339.2, errorRate_JR_KO: 1 },
    });
    expect(Date.parse(report.reportedAt)).toBeGreaterThanOrEqual(before);
    expect(result.event.notes).toEqual([
      'The soak-test gate failed: errorRate 1.18% is above its threshold of 1%.',
    ]);
  });

  it('refuses a query without entityRef before reading the body', async () => {
    let read = false;
    async function* body() {
      read = true;
      yield Buffer.from('timeStamp,elapsed,label,success\n');
    }
    await expect(upload(body(), { revision: 'a1b2c3d' })).rejects.toThrow(
      'The query parameter entityRef is required',
    );
    expect(read).toBe(false);
  });

  it('says when labels beyond the first 100 count in the totals only', async () => {
    const rows = Array.from(
      { length: 103 },
      (_, i) => `${1000 + i},10,label ${i},true`,
    );
    const result = await upload(
      chunksOf(['timeStamp,elapsed,label,success', ...rows].join('\n')),
    );
    if (result.kind !== 'event') {
      throw new Error('expected an event');
    }
    expect(result.event.gateReports![0].metrics).toMatchObject({
      samples: 103,
      samples_label_99: 1,
    });
    expect(result.event.gateReports![0].metrics).not.toHaveProperty(
      'samples_label_100',
    );
    expect(result.event.notes).toEqual([
      'The load-test gate passed: p95Ms 10 ms is within 500 ms and errorRate 0% within 1%.',
      'Only the first 100 sampler labels have metrics of their own; 3 samples of further labels count in the totals only.',
    ]);
  });
});
