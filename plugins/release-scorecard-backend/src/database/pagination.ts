import { InputError } from '@backstage/errors';

/** Position after the last item of a page: the sort time and the row key. */
export interface PageCursor {
  /** Sort value of the last item (epoch ms, or a string key). */
  after: number | string;
  /** Primary key of the last item, to break ties. */
  pk: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** Cursors are opaque to clients: base64url of a small JSON document. */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.after, cursor.pk])).toString(
    'base64url',
  );
}

export function decodeCursor(text: string | undefined): PageCursor | undefined {
  if (text === undefined || text === '') {
    return undefined;
  }
  try {
    const decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      (typeof decoded[0] === 'number' || typeof decoded[0] === 'string') &&
      Number.isSafeInteger(decoded[1])
    ) {
      return { after: decoded[0], pk: decoded[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError('cursor: not a cursor this API returned');
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
