import { InputError } from '@backstage/errors';

/** Position after the last item of a page: the sort value and the row key. */
export interface PageCursor {
  /** Sort value of the last item (epoch ms, or a string key). */
  after: number | string;
  /** Primary key of the last item, to break ties. */
  pk: number;
}

/** After the item sorted by time (epoch ms), ties broken by primary key. */
export interface TimeCursor {
  after: number;
  pk: number;
}

/** After the item with this unique string key (or keys). */
export interface KeyCursor {
  after: string;
}

/** After the item with this primary key. */
export interface PkCursor {
  pk: number;
}

/** What page of a list a caller asks for. */
export interface PageRequest {
  limit: number;
  /** The `nextCursor` of the previous page; none for the first. */
  cursor?: string;
}

/** A page of a list, with the cursor of the next page when there is one. */
export interface StoredPage<T> {
  items: T[];
  nextCursor?: string;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/**
 * Cursors are opaque to clients: base64url of a small JSON document,
 * `[after, pk]`. A key cursor has pk 0, a primary-key cursor after 0.
 */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.after, cursor.pk])).toString(
    'base64url',
  );
}

/** Primary keys are bigint columns counting from 1. */
function isPk(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/**
 * The `[after, pk]` pair of a cursor, if `check` accepts it. Whatever else a
 * client sends is an InputError: the values are compared with typed columns,
 * where a string, a fraction or a number beyond bigint would fail in the
 * database rather than here.
 */
function decodeCursor<T>(
  text: string | undefined,
  check: (after: unknown, pk: unknown) => T | undefined,
): T | undefined {
  if (text === undefined || text === '') {
    return undefined;
  }
  let cursor: T | undefined;
  try {
    const decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2) {
      cursor = check(decoded[0], decoded[1]);
    }
  } catch {
    // not JSON: refused below
  }
  if (cursor === undefined) {
    throw new InputError('cursor: not a cursor this API returned');
  }
  return cursor;
}

/** A cursor of a list ordered by a time (epoch ms) column and the primary key. */
export function decodeTimeCursor(
  text: string | undefined,
): TimeCursor | undefined {
  return decodeCursor(text, (after, pk) =>
    Number.isSafeInteger(after) && isPk(pk)
      ? { after: after as number, pk }
      : undefined,
  );
}

/**
 * A cursor of a list ordered by a unique text key, or by `parts` of them
 * joined with NUL. PostgreSQL text cannot hold NUL, so no part may.
 */
export function decodeKeyCursor(
  text: string | undefined,
  parts = 1,
): KeyCursor | undefined {
  return decodeCursor(text, (after, pk) =>
    typeof after === 'string' &&
    after.split('\u0000').length === parts &&
    pk === 0
      ? { after }
      : undefined,
  );
}

/** A cursor of a list ordered by the primary key alone. */
export function decodePkCursor(text: string | undefined): PkCursor | undefined {
  return decodeCursor(text, (after, pk) =>
    after === 0 && isPk(pk) ? { pk } : undefined,
  );
}

/**
 * The cursor after a page of a list ordered by primary key, from the
 * `limit + 1` rows read for it; none when no row follows the page.
 */
export function nextPkCursor(
  rows: ReadonlyArray<{ pk: number | string }>,
  limit: number,
): string | undefined {
  return rows.length > limit
    ? encodeCursor({ after: 0, pk: Number(rows[limit - 1].pk) })
    : undefined;
}

/** Reads `limit` from a query string value: 1..MAX_PAGE_SIZE. */
export function parsePageSize(
  text: unknown,
  fallback = DEFAULT_PAGE_SIZE,
): number {
  if (text === undefined || text === '') {
    return fallback;
  }
  const size = Number(text);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new InputError(
      `limit: must be an integer from 1 to ${MAX_PAGE_SIZE}`,
    );
  }
  return size;
}
