import { InputError } from '@backstage/errors';
import { StringDecoder } from 'string_decoder';
import { CsvRecord, CsvRecordReader } from './CsvRecordReader';
import {
  LoadTestSummary,
  MAX_LABELS,
  SampleStatistics,
} from './LoadTestSummary';

/** The columns the figures need, as JMeter names them in its CSV header. */
const REQUIRED_COLUMNS = ['timeStamp', 'elapsed', 'label', 'success'] as const;

/** JMeter's default header (JMeter 5.x, CSVSaveService), for messages. */
const DEFAULT_HEADER =
  'timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect';

/**
 * The response message of a transaction controller's sample (JMeter's
 * TransactionController); the dashboard leaves these out of its totals,
 * since their samplers are counted already, and skips empty ones entirely.
 */
const CONTROLLER_PREFIX = 'Number of samples in transaction';
const EMPTY_CONTROLLER_PREFIX = 'Number of samples in transaction : 0';

/** A header longer than this without a line break is not a JMeter header. */
const MAX_HEADER_CHARS = 64 * 1024;

const WHOLE_MILLISECONDS = /^\d{1,15}$/;

function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * The delimiter of the header line, found the way JMeter finds it
 * (CSVSaveService): column names are words, and the first character after
 * the first word separates them. Undefined while the text is too short to
 * tell.
 */
function findDelimiter(text: string, complete: boolean): string | undefined {
  const firstNonWord = /[^A-Za-z0-9_]/.exec(text);
  if (!firstNonWord) {
    return complete ? ',' : undefined;
  }
  const character = firstNonWord[0];
  // A one-column file, or a first field that is quoted: not JMeter's header,
  // which the header check then says.
  return /["\r\n]/.test(character) ? ',' : character;
}

/** Sums up samples record by record, keeping only running figures. */
class JtlAccumulator {
  private columns?: {
    count: number;
    timeStamp: number;
    elapsed: number;
    label: number;
    success: number;
    responseMessage: number;
  };
  private readonly total = new SampleStatistics();
  private readonly byLabel = new Map<string, SampleStatistics>();
  private omittedLabelSamples = 0;

  add(record: CsvRecord): void {
    if (!this.columns) {
      this.readHeader(record);
    } else {
      this.addSample(record);
    }
  }

  summary(): LoadTestSummary {
    if (!this.columns) {
      throw new InputError(
        `The request body is empty; expected JMeter's CSV results with their header line (${DEFAULT_HEADER})`,
      );
    }
    const lastEnd = this.total.lastEnd;
    return {
      total: this.total.figures(),
      labels: [...this.byLabel].map(([label, statistics]) => ({
        label,
        figures: statistics.figures(),
      })),
      omittedLabelSamples: this.omittedLabelSamples,
      endedAt:
        lastEnd !== undefined ? new Date(lastEnd).toISOString() : undefined,
    };
  }

  private readHeader({ fields, line }: CsvRecord): void {
    const missing = REQUIRED_COLUMNS.filter(name => !fields.includes(name));
    if (missing.length > 0) {
      const startsWithSample = /^\d+$/.test(fields[0] ?? '');
      throw new InputError(
        `line ${line}: ${
          startsWithSample
            ? 'the results start with a sample, not the header line'
            : `the header lacks ${missing.join(', ')}`
        }; expected JMeter's CSV results with their header (${DEFAULT_HEADER}), which JMeter writes with jmeter.save.saveservice.print_field_names=true, its default`,
      );
    }
    this.columns = {
      count: fields.length,
      timeStamp: fields.indexOf('timeStamp'),
      elapsed: fields.indexOf('elapsed'),
      label: fields.indexOf('label'),
      success: fields.indexOf('success'),
      responseMessage: fields.indexOf('responseMessage'),
    };
  }

  private addSample({ fields, line }: CsvRecord): void {
    const columns = this.columns!;
    if (fields.length !== columns.count) {
      throw new InputError(
        `line ${line}: ${fields.length} fields where the header has ${columns.count}`,
      );
    }
    const timeStamp = fields[columns.timeStamp];
    if (!WHOLE_MILLISECONDS.test(timeStamp)) {
      throw new InputError(
        `line ${line}: timeStamp is not in epoch milliseconds: ${quoted(
          timeStamp,
        )}; JMeter writes them so with jmeter.save.saveservice.timestamp_format=ms, its default`,
      );
    }
    const elapsed = fields[columns.elapsed];
    if (!WHOLE_MILLISECONDS.test(elapsed)) {
      throw new InputError(
        `line ${line}: elapsed is not a whole number of milliseconds: ${quoted(
          elapsed,
        )}`,
      );
    }
    // JMeter reads it with Boolean.valueOf, which ignores case.
    const successText = fields[columns.success].toLocaleLowerCase('en-US');
    if (successText !== 'true' && successText !== 'false') {
      throw new InputError(
        `line ${line}: success must be true or false, got ${quoted(
          fields[columns.success],
        )}`,
      );
    }
    const message =
      columns.responseMessage >= 0 ? fields[columns.responseMessage] : '';
    if (message.startsWith(EMPTY_CONTROLLER_PREFIX)) {
      return;
    }
    const sample = {
      startMs: Number(timeStamp),
      elapsedMs: Number(elapsed),
      success: successText === 'true',
    };
    if (!message.startsWith(CONTROLLER_PREFIX)) {
      this.total.add(sample);
    }
    const label = fields[columns.label];
    let statistics = this.byLabel.get(label);
    if (!statistics) {
      if (this.byLabel.size >= MAX_LABELS) {
        this.omittedLabelSamples += 1;
        return;
      }
      statistics = new SampleStatistics();
      this.byLabel.set(label, statistics);
    }
    statistics.add(sample);
  }
}

/**
 * Reads a JMeter results file in its CSV (JTL) format, header line first, as
 * it arrives: memory holds running figures, never the samples. Throws an
 * InputError naming the line of the first malformed record.
 *
 * Totals are JMeter's dashboard totals: transaction controller samples are
 * left out, as their samplers are counted already, and figures per label
 * include them.
 */
export async function summarizeJtl(
  body: AsyncIterable<Buffer>,
): Promise<LoadTestSummary> {
  const decoder = new StringDecoder('utf8');
  const accumulator = new JtlAccumulator();
  let reader: CsvRecordReader | undefined;
  let start = '';

  const read = (text: string, complete: boolean) => {
    if (reader) {
      reader.write(text);
      return;
    }
    start = (start + text).replace(/^\uFEFF/, '');
    const delimiter = findDelimiter(start, complete);
    if (delimiter === undefined) {
      if (start.length > MAX_HEADER_CHARS) {
        throw new InputError(
          `line 1: not JMeter's CSV header (${DEFAULT_HEADER})`,
        );
      }
      return;
    }
    reader = new CsvRecordReader(delimiter, record => accumulator.add(record));
    reader.write(start);
    start = '';
  };

  for await (const chunk of body) {
    read(decoder.write(chunk), false);
  }
  read(decoder.end(), true);
  reader?.end();
  return accumulator.summary();
}
