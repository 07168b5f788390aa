/*
 * What text the evidence tables can hold. PostgreSQL refuses NUL (U+0000) in
 * text and values longer than a varchar column; SQLite would store both. A
 * sender's mistake must be a 400 that names the field on either database,
 * never a 500 from the driver.
 */

export const NUL_CHARACTER_MESSAGE = 'must not contain NUL characters';

export function containsNulCharacter(text: string): boolean {
  return text.includes('\u0000');
}

/** Column widths of the evidence tables, by field name; other fields are 255. */
const MAX_LENGTH_BY_FIELD: Record<string, number> = {
  title: 1000,
  sha: 64,
  gate: 128,
  // Text columns, or never stored as sent (event names, annotation lookups).
  url: Infinity,
  eventType: Infinity,
  annotation: Infinity,
  value: Infinity,
};
const DEFAULT_MAX_LENGTH = 255;

function fieldPath(path: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${path}[${key}]`;
  }
  return path ? `${path}.${key}` : key;
}

/**
 * The first string in `value` that cannot be stored, as
 * `deployments[0].revision: must be at most 255 characters`, or undefined.
 */
export function findUnstorableText(
  value: unknown,
  path = '',
  field = '',
): string | undefined {
  if (typeof value === 'string') {
    if (containsNulCharacter(value)) {
      return `${path}: ${NUL_CHARACTER_MESSAGE}`;
    }
    const maxLength = MAX_LENGTH_BY_FIELD[field] ?? DEFAULT_MAX_LENGTH;
    return value.length > maxLength
      ? `${path}: must be at most ${maxLength} characters`
      : undefined;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const problem = findUnstorableText(
        value[index],
        fieldPath(path, index),
        field,
      );
      if (problem) {
        return problem;
      }
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = findUnstorableText(item, fieldPath(path, key), key);
      if (problem) {
        return problem;
      }
    }
  }
  return undefined;
}
