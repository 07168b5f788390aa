import { ConfigReader } from '@backstage/config';
import { FeatureFlag } from '@internal/plugin-release-scorecard-common';
import {
  applyStaleness,
  DEFAULT_FLAG_LIFETIMES_DAYS,
  isActiveFlag,
  readFlagLifetimes,
} from './staleness';

const DAY_MS = 24 * 60 * 60 * 1000;
const CREATED_AT = '2026-08-01T09:30:00.000Z';
const created = Date.parse(CREATED_AT);
const afterDays = (days: number, extraMs = 0) =>
  new Date(created + days * DAY_MS + extraMs);

function flag(overrides: Partial<FeatureFlag> = {}): FeatureFlag {
  return {
    key: 'new-checkout',
    provider: 'unleash',
    type: 'release',
    temporary: true,
    archived: false,
    environments: [{ name: 'production', enabled: true }],
    createdAt: CREATED_AT,
    stale: false,
    ...overrides,
  };
}

describe('applyStaleness', () => {
  const lifetimes = DEFAULT_FLAG_LIFETIMES_DAYS;

  it('keeps a release flag of exactly 40 days fresh', () => {
    expect(applyStaleness(flag(), lifetimes, afterDays(40))).toEqual(flag());
  });

  it('marks a release flag stale 1 ms after 40 days, saying why', () => {
    expect(applyStaleness(flag(), lifetimes, afterDays(40, 1))).toEqual(
      flag({
        stale: true,
        staleReason: 'release flag older than 40 days (created 2026-08-01)',
      }),
    );
  });

  it('gives each type its own lifetime', () => {
    const experiment = flag({ type: 'experiment' });
    expect(applyStaleness(experiment, lifetimes, afterDays(40)).stale).toBe(
      false,
    );
    expect(
      applyStaleness(experiment, lifetimes, afterDays(40, 1)).staleReason,
    ).toBe('experiment flag older than 40 days (created 2026-08-01)');

    const operational = flag({ type: 'operational' });
    expect(applyStaleness(operational, lifetimes, afterDays(7)).stale).toBe(
      false,
    );
    expect(
      applyStaleness(operational, lifetimes, afterDays(7, 1)).staleReason,
    ).toBe('operational flag older than 7 days (created 2026-08-01)');
  });

  it('never ages kill switches and permission flags by default', () => {
    for (const type of ['kill-switch', 'permission'] as const) {
      expect(
        applyStaleness(flag({ type }), lifetimes, afterDays(3650)).stale,
      ).toBe(false);
    }
  });

  it('never ages a permanent flag, whatever its type', () => {
    expect(
      applyStaleness(flag({ temporary: false }), lifetimes, afterDays(3650)),
    ).toEqual(flag({ temporary: false }));
  });

  it('keeps the reason of a flag its provider marked stale', () => {
    const marked = flag({
      stale: true,
      staleReason: 'marked stale in Unleash',
    });
    expect(applyStaleness(marked, lifetimes, afterDays(1))).toEqual(marked);
    expect(applyStaleness(marked, lifetimes, afterDays(400))).toEqual(marked);
  });

  it('uses configured lifetimes, 0 meaning never', () => {
    const custom = { ...lifetimes, release: 1, operational: 0 };
    expect(applyStaleness(flag(), custom, afterDays(1, 1)).staleReason).toBe(
      'release flag older than 1 day (created 2026-08-01)',
    );
    expect(
      applyStaleness(flag({ type: 'operational' }), custom, afterDays(3650))
        .stale,
    ).toBe(false);
  });

  it('cannot age a flag without a creation time', () => {
    const { createdAt: _, ...withoutCreatedAt } = flag();
    expect(
      applyStaleness(withoutCreatedAt, lifetimes, afterDays(3650)).stale,
    ).toBe(false);
  });

  it('does not change the flag it is given', () => {
    const input = flag();
    applyStaleness(input, lifetimes, afterDays(100));
    expect(input).toEqual(flag());
  });
});

describe('readFlagLifetimes', () => {
  it('defaults to the Unleash lifetimes', () => {
    expect(readFlagLifetimes(new ConfigReader({}))).toEqual({
      release: 40,
      experiment: 40,
      operational: 7,
      'kill-switch': 0,
      permission: 0,
    });
  });

  it('overrides the configured types only', () => {
    const config = new ConfigReader({
      releaseScorecard: {
        flags: { lifetimesDays: { release: 14, 'kill-switch': 365 } },
      },
    });
    expect(readFlagLifetimes(config)).toEqual({
      release: 14,
      experiment: 40,
      operational: 7,
      'kill-switch': 365,
      permission: 0,
    });
  });

  it('names the key of a negative lifetime', () => {
    const config = new ConfigReader({
      releaseScorecard: { flags: { lifetimesDays: { experiment: -1 } } },
    });
    expect(() => readFlagLifetimes(config)).toThrow(
      "Invalid config at 'releaseScorecard.flags.lifetimesDays.experiment': expected a number of days, 0 or more (0 means never stale), got -1",
    );
  });

  it('names the key of a lifetime that is not a number', () => {
    const config = new ConfigReader({
      releaseScorecard: { flags: { lifetimesDays: { release: 'forty' } } },
    });
    expect(() => readFlagLifetimes(config)).toThrow(
      /releaseScorecard\.flags\.lifetimesDays\.release/,
    );
  });
});

describe('isActiveFlag', () => {
  it('is active when on in at least one environment', () => {
    expect(
      isActiveFlag(
        flag({
          environments: [
            { name: 'staging', enabled: false },
            { name: 'production', enabled: true },
          ],
        }),
      ),
    ).toBe(true);
  });

  it('is inactive when off everywhere or without environments', () => {
    expect(
      isActiveFlag(
        flag({ environments: [{ name: 'production', enabled: false }] }),
      ),
    ).toBe(false);
    expect(isActiveFlag(flag({ environments: [] }))).toBe(false);
  });

  it('is inactive when archived, even if on', () => {
    expect(isActiveFlag(flag({ archived: true }))).toBe(false);
  });
});
