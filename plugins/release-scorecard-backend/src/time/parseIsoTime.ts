import { DateTime } from 'luxon';

/*
 * The calendar forms of ISO 8601 that RFC 3339 allows, plus a date alone and
 * a time without seconds: `2026-11-01`, `2026-11-01T09:30`,
 * `2026-11-01T09:30:15.250+01:00`. Week and ordinal dates, a year alone, a
 * time alone and hour 24 are refused: luxon accepts them, but in a query or a
 * record they are more likely a mistake than meant.
 */
const ISO_TIME_PATTERN =
  /^\d{4}-\d{2}-\d{2}(?:T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?$/;

/**
 * Epoch milliseconds of an ISO 8601 time, or undefined when the text is not
 * one (`2026-13-45`, `2026-02-30`, `1e9`, blanks). A time without an offset
 * is read as UTC, never in the server's time zone, which is what
 * `Date.parse` would do.
 */
export function parseIsoTime(text: string): number | undefined {
  if (!ISO_TIME_PATTERN.test(text)) {
    return undefined;
  }
  const time = DateTime.fromISO(text, { zone: 'utc' });
  return time.isValid ? time.toMillis() : undefined;
}
