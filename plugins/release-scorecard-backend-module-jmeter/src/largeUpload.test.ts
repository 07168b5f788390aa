import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The end-to-end test runs the module in the plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import releaseScorecardPlugin from '@internal/plugin-release-scorecard-backend';
import http from 'http';
import v8 from 'v8';
import vm from 'vm';
import { AddressInfo } from 'net';
import request from 'supertest';
import releaseScorecardModuleJMeter from '.';
import { nearestRank } from './__testUtils__/fixtures';

/*
 * A 100 MB JTL streams through the webhook: the process's memory grows by a
 * small fraction of the body while it is read, and a malformed line deep in
 * a large file is a 400 that names it. The JTL is generated while it is
 * sent; nothing of that size is kept on disk or in memory.
 *
 * One database suffices here: what this test is about happens before the
 * one gate is stored, and module.test.ts stores gates on both.
 */

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const API = '/api/release-scorecard';
const TOKEN = 'jmeter-test-token';
const MB = 1024 * 1024;
const HEADER =
  'timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n';
const LABELS = [
  'GET /cart',
  'POST /orders, create',
  'GET /orders/{id}',
  'GET /search',
];
const START = Date.parse('2026-11-20T10:00:00Z');

/** A deterministic stream of pseudo-random numbers (a linear congruential generator). */
function randomNumbers(seed: number) {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * JTL text of about `totalBytes`, generated in chunks of about 64 KiB, in
 * JMeter's default format, with a comma-holding label quoted. Every elapsed
 * time goes into `elapsed` (allocated by the caller before measuring) and
 * `facts` collects what the figures should be.
 */
function* generateJtl(
  totalBytes: number,
  elapsed: Uint32Array,
  facts: {
    samples: number;
    errors: number;
    firstStart: number;
    lastEnd: number;
  },
  options: { badLineAfterBytes?: number } = {},
): Generator<Buffer> {
  const random = randomNumbers(42);
  let sent = HEADER.length;
  let line = 1;
  let chunk = HEADER;
  let badLineSent = false;
  while (sent < totalBytes) {
    const index = facts.samples;
    const start = START + Math.floor(index / 4) * 10;
    // Mostly 20–400 ms, one in a hundred 1–31 s.
    const ms =
      random() < 0.01
        ? 1000 + Math.floor(random() * 30_000)
        : 20 + Math.floor(random() * 380);
    const success = random() >= 0.003;
    const label = LABELS[index % LABELS.length];
    const row = `${start},${ms},${label.includes(',') ? `"${label}"` : label},${
      success ? '200,OK' : '500,Internal Server Error'
    },Load users 1-${
      (index % 50) + 1
    },text,${success},,2841,412,50,50,https://shop.example.com/api/${
      index % 97
    },${Math.max(0, ms - 12)},0,3\n`;
    line += 1;
    if (
      options.badLineAfterBytes !== undefined &&
      !badLineSent &&
      sent >= options.badLineAfterBytes
    ) {
      chunk += `${start},12,GET /cart,200,OK,Load users 1-1,text,yes,,2841,412,50,50,https://shop.example.com/api/1,10,0,3\n`;
      (facts as any).badLine = line;
      badLineSent = true;
      line += 1;
    }
    chunk += row;
    sent += row.length;
    elapsed[index] = ms;
    facts.samples += 1;
    if (!success) {
      facts.errors += 1;
    }
    facts.firstStart = Math.min(facts.firstStart, start);
    facts.lastEnd = Math.max(facts.lastEnd, start + ms);
    if (chunk.length >= 64 * 1024) {
      yield Buffer.from(chunk);
      chunk = '';
    }
  }
  yield Buffer.from(chunk);
}

/** Posts the chunks as they are generated, waiting whenever the socket is full. */
function upload(
  server: http.Server,
  path: string,
  chunks: Iterable<Buffer>,
): Promise<{ status: number; body: any }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        port,
        method: 'POST',
        path,
        headers: {
          Authorization: `Bearer ${TOKEN}`,
          'Content-Type': 'text/csv',
          'Transfer-Encoding': 'chunked',
        },
      },
      res => {
        const body: Buffer[] = [];
        res.on('data', data => body.push(data));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            body: JSON.parse(Buffer.concat(body).toString('utf8')),
          }),
        );
      },
    );
    req.on('error', reject);
    (async () => {
      for (const chunk of chunks) {
        if (req.destroyed) {
          return;
        }
        if (!req.write(chunk)) {
          await new Promise(drained => req.once('drain', drained));
        }
      }
      req.end();
    })().catch(reject);
  });
}

/**
 * V8's garbage collector, which tests otherwise lack: parsing 100 MB makes
 * garbage faster than the collector runs by itself, so memory is measured
 * after a collection, as what the process still holds.
 */
function garbageCollector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc');
}

interface MemoryPeaks {
  /** JavaScript heap in use, after a collection. */
  heapUsed: number;
  /** Buffers and other ArrayBuffers, where a body read whole would be held. */
  arrayBuffers: number;
}

function memoryAfterCollection(collect: () => void): MemoryPeaks {
  collect();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heapUsed, arrayBuffers };
}

/** The most memory held while `work` runs, measured every 200 ms. */
async function peakMemoryDuring<T>(
  collect: () => void,
  work: () => Promise<T>,
): Promise<{ result: T; peaks: MemoryPeaks; measurements: number }> {
  const peaks: MemoryPeaks = { heapUsed: 0, arrayBuffers: 0 };
  let measurements = 0;
  const sample = () => {
    const usage = memoryAfterCollection(collect);
    peaks.heapUsed = Math.max(peaks.heapUsed, usage.heapUsed);
    peaks.arrayBuffers = Math.max(peaks.arrayBuffers, usage.arrayBuffers);
    measurements += 1;
  };
  const sampler = setInterval(sample, 200);
  try {
    const result = await work();
    return { result, peaks, measurements };
  } finally {
    clearInterval(sampler);
  }
}

describe('a large JMeter upload', () => {
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let knex: Awaited<ReturnType<typeof databases.init>>;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    backend = await startTestBackend({
      features: [
        releaseScorecardPlugin,
        releaseScorecardModuleJMeter,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'payments-api', namespace: 'default' },
              spec: { type: 'service', owner: 'group:default/payments-team' },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            releaseScorecard: { webhooks: { jmeter: { secret: TOKEN } } },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend.stop();
    await knex.destroy();
  });

  it('streams a 100 MB JTL in a small fraction of its size in memory, with exact figures', async () => {
    const bodyBytes = 100 * MB;
    // Room for every elapsed time, allocated before the baseline is taken.
    const elapsed = new Uint32Array(1_500_000);
    const facts = {
      samples: 0,
      errors: 0,
      firstStart: Number.POSITIVE_INFINITY,
      lastEnd: Number.NEGATIVE_INFINITY,
    };
    const collect = garbageCollector();
    const before = memoryAfterCollection(collect);

    const startedAt = Date.now();
    const {
      result: answer,
      peaks,
      measurements,
    } = await peakMemoryDuring(collect, () =>
      upload(
        backend.server,
        `${API}/webhooks/jmeter?entityRef=payments-api&revision=big1&runId=run-big`,
        generateJtl(bodyBytes, elapsed, facts),
      ),
    );
    const heapGrowth = peaks.heapUsed - before.heapUsed;
    const buffersGrowth = peaks.arrayBuffers - before.arrayBuffers;
    // The figures for the report: size, time and memory growth.
    // eslint-disable-next-line no-console
    console.info(
      `100 MB JTL: ${facts.samples} samples in ${
        Date.now() - startedAt
      } ms; most held while reading (${measurements} measurements): heap +${(
        heapGrowth / MB
      ).toFixed(1)} MiB (from ${(before.heapUsed / MB).toFixed(
        1,
      )}), buffers +${(buffersGrowth / MB).toFixed(1)} MiB (from ${(
        before.arrayBuffers / MB
      ).toFixed(1)})`,
    );

    expect(answer.status).toBe(202);
    // Measured many times while the body streamed through.
    expect(measurements).toBeGreaterThan(5);
    // A body read whole would hold its 100 MiB in buffers (or twice that as
    // a string in the heap); streamed, a few chunks in flight and the running
    // figures are held.
    // (1 MiB of heap and 2-5 MiB of buffers measured, depending on load.)
    expect(buffersGrowth).toBeLessThan(bodyBytes / 5);
    expect(heapGrowth + buffersGrowth).toBeLessThan(bodyBytes / 4);

    const samples = elapsed.subarray(0, facts.samples);
    expect(facts.samples).toBeGreaterThan(700_000);
    const runs = await request(backend.server)
      .get(`${API}/entities/default/component/payments-api/pipelines`)
      .set('Authorization', mockCredentials.service.header())
      .expect(200);
    const { metrics } = runs.body.items[0].gates[0];
    expect(metrics).toMatchObject({
      samples: facts.samples,
      errorRate: facts.errors / facts.samples,
      p95Ms: nearestRank(Array.from(samples), 95),
      p99Ms: nearestRank(Array.from(samples), 99),
      throughputPerSecond:
        (facts.samples / (facts.lastEnd - facts.firstStart)) * 1000,
      samples_POST_orders_create:
        Math.floor(facts.samples / 4) + (facts.samples % 4 > 1 ? 1 : 0),
    });
    expect(metrics.meanMs).toBeCloseTo(
      samples.reduce((sum, ms) => sum + ms, 0) / facts.samples,
      6,
    );
  });

  it('answers 400 naming the line of a malformed sample deep in a large file', async () => {
    const facts: any = {
      samples: 0,
      errors: 0,
      firstStart: Number.POSITIVE_INFINITY,
      lastEnd: Number.NEGATIVE_INFINITY,
    };
    const answer = await upload(
      backend.server,
      `${API}/webhooks/jmeter?entityRef=payments-api&revision=big2&runId=run-bad`,
      generateJtl(20 * MB, new Uint32Array(400_000), facts, {
        badLineAfterBytes: 10 * MB,
      }),
    );
    expect(facts.badLine).toBeGreaterThan(70_000);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toBe(
      `line ${facts.badLine}: success must be true or false, got "yes"`,
    );
  });
});
