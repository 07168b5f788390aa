import { Config } from '@backstage/config';
import { DateTime } from 'luxon';
import { AcceptedTimeRange, DEFAULT_ACCEPTED_TIMES } from './schemas';

const HOUR_MS = 3_600_000;
const DEFAULT_MAX_BATCH_SIZE = 1000;

const DEFAULT_MAX_BODY_SIZE = '5mb';

export interface IngestOptions {
  maxBatchSize: number;
  /** Largest push or webhook body, e.g. `5mb`. */
  maxBodySize: string;
  acceptedTimes: AcceptedTimeRange;
}

/** Reads `releaseScorecard.ingest`; a value that makes no sense stops the backend. */
export function readIngestOptions(config: Config): IngestOptions {
  const key = 'releaseScorecard.ingest';
  const maxBatchSize =
    config.getOptionalNumber(`${key}.maxBatchSize`) ?? DEFAULT_MAX_BATCH_SIZE;
  if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) {
    throw new Error(
      `Invalid config ${key}.maxBatchSize: must be a whole number ≥ 1, got ${maxBatchSize}`,
    );
  }

  const earliestText = config.getOptionalString(
    `${key}.acceptedTimes.earliest`,
  );
  const earliest =
    earliestText === undefined
      ? DEFAULT_ACCEPTED_TIMES.earliest
      : DateTime.fromISO(earliestText, { zone: 'utc' }).toMillis();
  if (!Number.isFinite(earliest)) {
    throw new Error(
      `Invalid config ${key}.acceptedTimes.earliest: '${earliestText}' is not an ISO 8601 date, e.g. 2000-01-01`,
    );
  }
  const maxFutureHours =
    config.getOptionalNumber(`${key}.acceptedTimes.maxFutureHours`) ??
    DEFAULT_ACCEPTED_TIMES.maxFutureMs / HOUR_MS;
  if (!(maxFutureHours >= 0)) {
    throw new Error(
      `Invalid config ${key}.acceptedTimes.maxFutureHours: must be a number of hours ≥ 0, got ${maxFutureHours}`,
    );
  }
  return {
    maxBatchSize,
    maxBodySize:
      config.getOptionalString(`${key}.maxBodySize`) ?? DEFAULT_MAX_BODY_SIZE,
    acceptedTimes: { earliest, maxFutureMs: maxFutureHours * HOUR_MS },
  };
}
