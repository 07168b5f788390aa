import { isoFromMillis, isoFromString, latestIso } from './timestamps';

describe('timestamps', () => {
  it('turns Unix milliseconds into ISO strings', () => {
    expect(isoFromMillis(1627071171347)).toBe('2021-07-23T20:12:51.347Z');
    expect(isoFromMillis(undefined)).toBeUndefined();
    expect(isoFromMillis(null)).toBeUndefined();
  });

  it('normalises provider time strings and drops invalid ones', () => {
    // Django sends microseconds; an offset is moved to UTC.
    expect(isoFromString('2026-05-04T10:00:00.123456Z')).toBe(
      '2026-05-04T10:00:00.123Z',
    );
    expect(isoFromString('2026-05-04T12:00:00+02:00')).toBe(
      '2026-05-04T10:00:00.000Z',
    );
    expect(isoFromString('not a date')).toBeUndefined();
    expect(isoFromString(null)).toBeUndefined();
    expect(isoFromString('')).toBeUndefined();
  });

  it('picks the latest of some times', () => {
    expect(
      latestIso([
        '2025-01-01T00:00:00.000Z',
        undefined,
        '2025-08-01T00:00:00.000Z',
        '2025-03-01T00:00:00.000Z',
      ]),
    ).toBe('2025-08-01T00:00:00.000Z');
    expect(latestIso([undefined])).toBeUndefined();
  });
});
