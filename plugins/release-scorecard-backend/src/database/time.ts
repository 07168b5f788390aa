/*
 * Times are epoch milliseconds in the database and ISO 8601 strings on the
 * wire. PostgreSQL returns BIGINT columns as strings, hence the Number().
 */

export function toMillis(iso: string): number;
export function toMillis(iso: string | undefined | null): number | undefined;
export function toMillis(iso: string | undefined | null): number | undefined {
  return iso === undefined || iso === null ? undefined : Date.parse(iso);
}

export function fromDbMillis(value: number | string): number;
export function fromDbMillis(
  value: number | string | null | undefined,
): number | undefined;
export function fromDbMillis(
  value: number | string | null | undefined,
): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

export function toIso(millis: number): string;
export function toIso(millis: number | undefined): string | undefined;
export function toIso(millis: number | undefined): string | undefined {
  return millis === undefined ? undefined : new Date(millis).toISOString();
}
