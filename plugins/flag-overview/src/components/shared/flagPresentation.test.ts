import { DateTime } from 'luxon';
import { storedFlag } from '../../__fixtures__/flags';
import {
  environmentLabel,
  formatAge,
  providerTitle,
  sortFlagsForReview,
} from './flagPresentation';

describe('sortFlagsForReview', () => {
  it('puts stale flags first, then the oldest, then flags without a creation time', () => {
    const flags = [
      storedFlag({ key: 'no-date' }),
      storedFlag({ key: 'new', createdAt: '2025-03-01T00:00:00Z' }),
      storedFlag({
        key: 'stale-new',
        stale: true,
        createdAt: '2025-02-01T00:00:00Z',
      }),
      storedFlag({ key: 'old', createdAt: '2024-01-01T00:00:00Z' }),
      storedFlag({
        key: 'stale-old',
        stale: true,
        createdAt: '2024-06-01T00:00:00Z',
      }),
      storedFlag({ key: 'bad-date', createdAt: 'not a date' }),
    ];

    expect(sortFlagsForReview(flags).map(flag => flag.key)).toEqual([
      'stale-old',
      'stale-new',
      'old',
      'new',
      'bad-date',
      'no-date',
    ]);
    expect(flags[0].key).toBe('no-date');
  });
});

describe('formatAge', () => {
  const now = DateTime.fromISO('2025-06-30T12:00:00Z');

  it.each([
    ['2025-06-30T09:00:00Z', '3 hours ago'],
    ['2025-06-29T11:00:00Z', '1 day ago'],
    ['2025-05-11T12:00:00Z', '50 days ago'],
    ['2024-07-01T12:00:00Z', '364 days ago'],
    ['2023-06-30T12:00:00Z', '2 years ago'],
  ])('%s is %s', (iso, expected) => {
    expect(formatAge(iso, now)).toBe(expected);
  });

  it('has nothing to say without a valid time', () => {
    expect(formatAge(undefined, now)).toBeUndefined();
    expect(formatAge('yesterday', now)).toBeUndefined();
  });
});

describe('environmentLabel', () => {
  it('shows the rollout only where the flag is on', () => {
    expect(
      environmentLabel({
        name: 'production',
        enabled: true,
        rolloutPercent: 25,
      }),
    ).toBe('production: on · 25 %');
    expect(
      environmentLabel({
        name: 'production',
        enabled: true,
        rolloutPercent: 0,
      }),
    ).toBe('production: on · 0 %');
    expect(environmentLabel({ name: 'staging', enabled: true })).toBe(
      'staging: on',
    );
    expect(
      environmentLabel({ name: 'dev', enabled: false, rolloutPercent: 50 }),
    ).toBe('dev: off');
  });
});

describe('providerTitle', () => {
  it('names the known providers and keeps others as sent', () => {
    expect(providerTitle('launchdarkly')).toBe('LaunchDarkly');
    expect(providerTitle('Flagsmith')).toBe('Flagsmith');
    expect(providerTitle('in-house')).toBe('in-house');
  });
});
