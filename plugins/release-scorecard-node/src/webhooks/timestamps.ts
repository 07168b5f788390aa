import { InputError } from '@backstage/errors';
import { DateTime } from 'luxon';

// GitLab hooks use `2016-08-12 15:23:28 UTC` and `2021-04-28 21:50:00 +0200`.
const GITLAB_FORMATS = ['yyyy-MM-dd HH:mm:ss z', 'yyyy-MM-dd HH:mm:ss ZZZ'];

/**
 * Normalises a timestamp from a payload to ISO 8601 in UTC with milliseconds
 * (`2016-08-12T15:23:28.000Z`), so that records from every tool compare as
 * text. A time without an offset is read as UTC. Throws an InputError naming
 * the field when the text is not a time.
 */
export function toIsoTimestamp(value: string, field: string): string {
  const text = value.trim();
  let time = DateTime.fromISO(text, { zone: 'utc', setZone: true });
  for (const format of GITLAB_FORMATS) {
    if (time.isValid) {
      break;
    }
    time = DateTime.fromFormat(text, format, { zone: 'utc', setZone: true });
  }
  if (!time.isValid) {
    throw new InputError(`${field} is not a valid timestamp: "${value}"`);
  }
  return time.toUTC().toISO()!;
}

/** Like toIsoTimestamp, for fields that may be absent or null. */
export function toOptionalIsoTimestamp(
  value: string | null | undefined,
  field: string,
): string | undefined {
  return value?.trim() ? toIsoTimestamp(value, field) : undefined;
}

/** The later of two ISO timestamps in UTC (as produced by toIsoTimestamp). */
export function latestIsoTimestamp(
  timestamps: ReadonlyArray<string>,
): string | undefined {
  return timestamps.reduce<string | undefined>(
    (latest, timestamp) =>
      latest === undefined || timestamp > latest ? timestamp : latest,
    undefined,
  );
}
