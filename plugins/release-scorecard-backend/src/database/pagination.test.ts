import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import {
  decodeKeyCursor,
  decodePkCursor,
  decodeTimeCursor,
  encodeCursor,
} from './pagination';

const encode = (value: unknown) =>
  Buffer.from(JSON.stringify(value) ?? '', 'utf8').toString('base64url');

const refused = 'cursor: not a cursor this API returned';

describe('cursor decoding', () => {
  it('reads back the cursors the lists write', () => {
    expect(
      decodeTimeCursor(encodeCursor({ after: 1_700_000_000_000, pk: 42 })),
    ).toEqual({ after: 1_700_000_000_000, pk: 42 });
    expect(
      decodeKeyCursor(
        encodeCursor({ after: 'component:default/payments-api', pk: 0 }),
      ),
    ).toEqual({ after: 'component:default/payments-api' });
    expect(
      decodeKeyCursor(encodeCursor({ after: 'github\u0000acme/x', pk: 0 }), 2),
    ).toEqual({ after: 'github\u0000acme/x' });
    expect(decodePkCursor(encodeCursor({ after: 0, pk: 7 }))).toEqual({
      pk: 7,
    });
    expect(decodeTimeCursor(undefined)).toBeUndefined();
    expect(decodeKeyCursor('')).toBeUndefined();
  });

  it.each([
    ['a string time', decodeTimeCursor, ['abc', 1]],
    ['a fractional time', decodeTimeCursor, [1.5, 1]],
    ['a time beyond bigint', decodeTimeCursor, [1e300, 1]],
    ['a negative pk', decodeTimeCursor, [1, -1]],
    ['a numeric key', decodeKeyCursor, [5, 0]],
    ['a key with NUL', decodeKeyCursor, ['a\u0000b', 0]],
    ['a key with a pk', decodeKeyCursor, ['a', 3]],
    ['a time cursor for a pk list', decodePkCursor, [1_700_000_000_000, 3]],
    ['a fractional pk', decodePkCursor, [0, 1.5]],
    ['a nested array', decodePkCursor, [[0], 1]],
  ] as const)('refuses %s', (_, decode, cursor) => {
    expect(() => decode(encode(cursor))).toThrow(new InputError(refused));
  });

  it('refuses a key of the wrong number of parts', () => {
    expect(() => decodeKeyCursor(encode(['github', 0]), 2)).toThrow(refused);
    expect(() => decodeKeyCursor(encode(['a\u0000b\u0000c', 0]), 2)).toThrow(
      refused,
    );
  });

  it('gives every decoder only values its columns can compare, or an InputError', () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.double(),
      fc.integer(),
      fc.string({ unit: 'binary' }),
      fc.string().map(text => `${text}\u0000${text}`),
    );
    const text = fc.oneof(
      fc.tuple(value, value).map(encode),
      fc.jsonValue().map(encode),
      fc.string({ minLength: 1 }),
    );
    /** 'valid' when the decoded cursor passes `valid`, 'refused' on the InputError. */
    const verdict = <T>(
      decode: () => T | undefined,
      valid: (cursor: T) => boolean,
    ) => {
      try {
        const cursor = decode();
        return cursor !== undefined && valid(cursor) ? 'valid' : 'bad value';
      } catch (error) {
        return error instanceof InputError && error.message === refused
          ? 'refused'
          : `other error: ${error}`;
      }
    };
    const isPk = (pk: number) => Number.isSafeInteger(pk) && pk >= 0;
    fc.assert(
      fc.property(text, cursorText => {
        const verdicts = [
          verdict(
            () => decodeTimeCursor(cursorText),
            ({ after, pk }) => Number.isSafeInteger(after) && isPk(pk),
          ),
          verdict(
            () => decodeKeyCursor(cursorText),
            ({ after }) =>
              typeof after === 'string' && !after.includes('\u0000'),
          ),
          verdict(
            () => decodePkCursor(cursorText),
            ({ pk }) => isPk(pk),
          ),
        ];
        expect(verdicts.filter(v => v !== 'valid' && v !== 'refused')).toEqual(
          [],
        );
      }),
      { numRuns: 1000 },
    );
  });
});
