import { InputError } from '@backstage/errors';
import {
  latestIsoTimestamp,
  toIsoTimestamp,
  toOptionalIsoTimestamp,
} from './timestamps';

describe('toIsoTimestamp', () => {
  it.each([
    ['2020-10-05T16:33:24Z', '2020-10-05T16:33:24.000Z'],
    ['2016-11-18T10:46:28+0100', '2016-11-18T09:46:28.000Z'],
    ['2024-05-21T09:02:41.503911847Z', '2024-05-21T09:02:41.503Z'],
    ['2024-05-21T09:03:12', '2024-05-21T09:03:12.000Z'],
    ['2016-08-12 15:23:28 UTC', '2016-08-12T15:23:28.000Z'],
    ['2021-04-28 21:50:00 +0200', '2021-04-28T19:50:00.000Z'],
  ])('normalises %s to %s', (value, expected) => {
    expect(toIsoTimestamp(value, 'field')).toBe(expected);
  });

  it('refuses text that is not a time, naming the field', () => {
    expect(() =>
      toIsoTimestamp('next tuesday', 'deployment.created_at'),
    ).toThrow(InputError);
    expect(() =>
      toIsoTimestamp('2024-13-01T00:00:00Z', 'deployment.created_at'),
    ).toThrow(
      'deployment.created_at is not a valid timestamp: "2024-13-01T00:00:00Z"',
    );
  });

  it('leaves absent optional times out', () => {
    expect(toOptionalIsoTimestamp(null, 'finished_at')).toBeUndefined();
    expect(toOptionalIsoTimestamp('', 'finished_at')).toBeUndefined();
    expect(
      toOptionalIsoTimestamp('2016-08-12 15:26:29 UTC', 'finished_at'),
    ).toBe('2016-08-12T15:26:29.000Z');
  });
});

describe('latestIsoTimestamp', () => {
  it('picks the latest normalised time', () => {
    expect(
      latestIsoTimestamp([
        '2024-05-21T09:03:12.000Z',
        '2024-05-21T10:00:00.000Z',
        '2024-05-20T23:59:59.999Z',
      ]),
    ).toBe('2024-05-21T10:00:00.000Z');
    expect(latestIsoTimestamp([])).toBeUndefined();
  });
});
