import fc from 'fast-check';
import { useProcessTimeZone } from '../__testUtils__/useProcessTimeZone';
import { parseIsoTime } from './parseIsoTime';

// A zone with daylight saving time that is never UTC: a time read in the
// server's zone instead of UTC is off by four or five hours.
useProcessTimeZone('America/New_York');

describe('parseIsoTime', () => {
  it('runs in a time zone that is not UTC', () => {
    // Guards the test itself: in UTC, Date.parse would pass too.
    expect(new Date(2026, 10, 1).getTimezoneOffset()).toBe(240);
    expect(Date.parse('2026-11-01T00:00:00')).toBe(
      Date.UTC(2026, 10, 1, 4, 0, 0),
    );
  });

  it('reads a time without an offset as UTC', () => {
    expect(parseIsoTime('2026-11-01T00:00:00')).toBe(
      Date.UTC(2026, 10, 1, 0, 0, 0),
    );
    expect(parseIsoTime('2026-11-01T00:00:00')).toBe(
      parseIsoTime('2026-11-01T00:00:00Z'),
    );
    expect(parseIsoTime('2026-03-08T02:30')).toBe(Date.UTC(2026, 2, 8, 2, 30));
    expect(parseIsoTime('2026-11-01')).toBe(Date.UTC(2026, 10, 1));
  });

  it('honours an offset', () => {
    expect(parseIsoTime('2026-11-01T00:00:00+01:00')).toBe(
      Date.UTC(2026, 9, 31, 23, 0, 0),
    );
    expect(parseIsoTime('2026-11-01T00:00:00-05:30')).toBe(
      Date.UTC(2026, 10, 1, 5, 30, 0),
    );
    expect(parseIsoTime('2026-11-01T00:00:00.250Z')).toBe(
      Date.UTC(2026, 10, 1, 0, 0, 0, 250),
    );
  });

  it.each([
    '2026-13-45',
    '2026-02-30',
    '2026-11-01T24:00:00Z',
    '2026-11-01T12:60:00Z',
    '1e9',
    '1793491200000',
    '   ',
    '',
    ' 2026-11-01T00:00:00Z',
    '2026-11-01T00:00:00Z ',
    '2026-11-01 00:00:00',
    '2026-11-01T00:00:00 01:00',
    '2026',
    '2026-W44-1',
    '12:00',
    'yesterday',
    '2026-11-01T00:00:00+25:00',
  ])('refuses %j', text => {
    expect(parseIsoTime(text)).toBeUndefined();
  });

  it('reads any date-time without an offset as the same text with Z', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00.000Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(16, 19, 23),
        (date, length) => {
          // 2026-11-01T00:00, 2026-11-01T00:00:00 or 2026-11-01T00:00:00.000
          const text = date.toISOString().slice(0, length);
          const expected = Date.parse(`${text}Z`);
          expect(parseIsoTime(text)).toBe(expected);
          expect(parseIsoTime(`${text}Z`)).toBe(expected);
        },
      ),
    );
  });
});
