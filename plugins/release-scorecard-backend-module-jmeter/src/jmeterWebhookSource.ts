import { InputError } from '@backstage/errors';
import {
  compact,
  parseReportUploadQuery,
  StreamingWebhookSource,
  verifyBearerToken,
} from '@internal/plugin-release-scorecard-node';
import { LoadTestSummary } from './LoadTestSummary';
import {
  judgeLoadTest,
  LoadTestThresholds,
  toLoadTestMetrics,
} from './loadTestGate';
import { summarizeJtl } from './summarizeJtl';
import { summarizeStatisticsJson } from './summarizeStatisticsJson';

/** The largest upload: a JTL of a long soak test, streamed. */
export const JMETER_MAX_BODY_BYTES = 1024 ** 3;

/** statistics.json is read whole; a dashboard's is kilobytes. */
const MAX_STATISTICS_JSON_BYTES = 16 * 1024 ** 2;

const OPEN_BRACE = 0x7b;

/** The first byte that is not a byte order mark or white space. */
function firstSignificantByte(chunks: Buffer[]): number | undefined {
  const bytes = Buffer.concat(chunks);
  let i = bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? 3 : 0;
  while (i < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[i])) {
    i += 1;
  }
  return i < bytes.length ? bytes[i] : undefined;
}

async function readText(
  chunks: AsyncIterable<Buffer>,
  maxBytes: number,
): Promise<string> {
  const read: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > maxBytes) {
      throw new InputError(
        `The statistics.json is larger than ${maxBytes} bytes; send the JTL instead`,
      );
    }
    read.push(chunk);
  }
  return Buffer.concat(read).toString('utf8');
}

/**
 * Reads a JMeter results upload: the statistics.json of its dashboard (a
 * JSON object) or its results file in CSV (JTL) format, told apart by the
 * first character.
 */
export async function summarizeJMeterResults(
  body: AsyncIterable<Buffer>,
): Promise<LoadTestSummary & { format: 'jtl' | 'statistics.json' }> {
  const iterator = body[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let first: number | undefined;
  let done = false;
  while (first === undefined && !done) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
    } else {
      head.push(next.value);
      first = firstSignificantByte(head);
    }
  }
  // The chunks read to tell the format, then the rest as they arrive.
  const whole = (async function* readOn() {
    try {
      yield* head;
      while (!done) {
        const next = await iterator.next();
        if (next.done) {
          return;
        }
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  })();

  if (first === OPEN_BRACE) {
    const text = await readText(whole, MAX_STATISTICS_JSON_BYTES);
    return { ...summarizeStatisticsJson(text), format: 'statistics.json' };
  }
  return { ...(await summarizeJtl(whole)), format: 'jtl' };
}

/**
 * `POST /webhooks/jmeter?entityRef=&revision=&runId=`: JMeter's results,
 * uploaded from CI with a bearer token, set the run's `load-test` gate (or
 * `?gate=`): its metrics over all samplers and per label, passed or failed
 * by the thresholds. The body is read as it arrives, so a results file of
 * any size up to JMETER_MAX_BODY_BYTES takes little memory.
 */
export function createJMeterWebhookSource(options: {
  thresholds: LoadTestThresholds;
  maxBodyBytes?: number;
}): StreamingWebhookSource {
  return {
    name: 'jmeter',
    streaming: true,
    maxBodyBytes: options.maxBodyBytes ?? JMETER_MAX_BODY_BYTES,
    verify: verifyBearerToken,
    async map(request) {
      const receivedAt = new Date().toISOString();
      // The query is checked first: a wrong one is refused before the body
      // is read.
      const { lookup, gate, report } = parseReportUploadQuery(
        request,
        'load-test',
      );
      const summary = await summarizeJMeterResults(request.body);
      const { status, reason } = judgeLoadTest(
        summary.total,
        options.thresholds,
        gate,
      );
      const notes = [reason];
      if (summary.omittedLabelSamples > 0) {
        notes.push(
          `Only the first ${summary.labels.length} sampler labels have metrics of their own; ${summary.omittedLabelSamples} samples of further labels count in the totals only.`,
        );
      }
      return {
        kind: 'event',
        event: {
          eventType:
            summary.format === 'jtl' ? 'jmeter.results' : 'jmeter.statistics',
          lookup,
          gateReports: [
            compact({
              ...report,
              gate,
              status,
              metrics: toLoadTestMetrics(summary),
              reportedAt: summary.endedAt ?? receivedAt,
            }),
          ],
          notes,
        },
      };
    },
  };
}
