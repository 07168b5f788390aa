import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Parses the raw body as JSON; a body that is not JSON is the caller's error. */
export function parseJsonBody(rawBody: Buffer): unknown {
  // Some tools prefix UTF-8 bodies with a byte order mark, which JSON.parse refuses.
  const text = rawBody.toString('utf8').replace(/^\uFEFF/, '');
  if (!text.trim()) {
    throw new InputError('The request body is empty, expected a JSON document');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `The request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/** `a.b[0].c`, the way the field is written in the tool's documentation. */
export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') {
      return `${text}[${key}]`;
    }
    return text ? `${text}.${String(key)}` : String(key);
  }, '');
}

/**
 * Validates a payload with a zod schema and returns the parsed value. The
 * InputError names the first offending field, e.g.
 * `Invalid GitHub workflow_run payload: workflow_run.head_sha: Invalid input: expected string, received undefined`.
 */
export function parseWithSchema<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const [first, ...others] = result.error.issues;
  const field = formatFieldPath(first.path) || '(body)';
  const more = others.length > 0 ? ` (and ${others.length} more problems)` : '';
  throw new InputError(`Invalid ${what}: ${field}: ${first.message}${more}`);
}

/** Trimmed text, or undefined when empty (templates render missing values as ""). */
export function nonEmpty(text: string | null | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

/** Whether the text is an absolute http(s) URL, the only links we store. */
export function isHttpUrl(text: string | null | undefined): text is string {
  if (!text) {
    return false;
  }
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The object without its undefined properties, so records only hold what is known. */
export function compact<T extends object>(record: T): T {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as T;
}
