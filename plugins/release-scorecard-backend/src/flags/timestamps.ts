/** Converts a Unix time in milliseconds to an ISO string. */
export function isoFromMillis(millis: number | null | undefined) {
  return typeof millis === 'number' && Number.isFinite(millis)
    ? new Date(millis).toISOString()
    : undefined;
}

/** Normalises a provider time string to an ISO string, dropping invalid ones. */
export function isoFromString(value: string | null | undefined) {
  if (!value) {
    return undefined;
  }
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? undefined : new Date(millis).toISOString();
}

/** The latest of some ISO times. */
export function latestIso(values: Array<string | undefined>) {
  const defined = values.filter((v): v is string => v !== undefined);
  return defined.length ? defined.reduce((a, b) => (a > b ? a : b)) : undefined;
}
