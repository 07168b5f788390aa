import { ConfigReader } from '@backstage/config';
import { readDoraOptions } from './doraOptions';

function read(releaseScorecard: object) {
  return readDoraOptions(new ConfigReader({ releaseScorecard }));
}

function readDora(dora: object) {
  return read({ dora });
}

describe('readDoraOptions', () => {
  it('defaults to a 90-day window, 24 h attribution and the 2023 profile', () => {
    expect(readDoraOptions(new ConfigReader({}))).toEqual({
      windowDays: 90,
      attributionWindowHours: 24,
      productionEnvironments: ['production', 'prod'],
      tiers: {
        profile: '2023',
        deploymentFrequency: {
          elitePerWeek: 7,
          highPerWeek: 1,
          mediumPer30Days: 1,
        },
        // < 1 day, < 7 days, < 30 days
        leadTime: { eliteHours: 24, highHours: 168, mediumHours: 720 },
        changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15 },
        // < 1 hour, < 1 day, < 7 days
        recoveryTime: { eliteHours: 1, highHours: 24, mediumHours: 168 },
      },
    });
  });

  it('reads every key', () => {
    const options = read({
      productionEnvironments: ['Live', 'PROD-EU', 'live'],
      dora: {
        windowDays: 30,
        attributionWindowHours: 48,
        tiers: {
          profile: 'acme-2025',
          deploymentFrequency: {
            elitePerWeek: 14,
            highPerWeek: 2,
            mediumPer30Days: 4,
          },
          leadTime: { eliteHours: 4, highHours: 48, mediumHours: 336 },
          changeFailureRate: { elite: 0, high: 0.02, medium: 0.2 },
          recoveryTime: { eliteHours: 0.5, highHours: 4, mediumHours: 24 },
        },
      },
    });
    expect(options).toEqual({
      windowDays: 30,
      attributionWindowHours: 48,
      // compared case-insensitively, so stored in lower case, once each
      productionEnvironments: ['live', 'prod-eu'],
      tiers: {
        profile: 'acme-2025',
        deploymentFrequency: {
          elitePerWeek: 14,
          highPerWeek: 2,
          mediumPer30Days: 4,
        },
        leadTime: { eliteHours: 4, highHours: 48, mediumHours: 336 },
        changeFailureRate: { elite: 0, high: 0.02, medium: 0.2 },
        recoveryTime: { eliteHours: 0.5, highHours: 4, mediumHours: 24 },
      },
    });
  });

  it('fills the thresholds that are not configured from the default profile', () => {
    const options = readDora({ tiers: { leadTime: { mediumHours: 1000 } } });
    expect(options.tiers.leadTime).toEqual({
      eliteHours: 24,
      highHours: 168,
      mediumHours: 1000,
    });
    expect(options.tiers.recoveryTime.eliteHours).toBe(1);
    expect(options.tiers.profile).toBe('2023');
  });

  it('accepts a zero attribution window and a zero elite failure rate', () => {
    const options = readDora({
      attributionWindowHours: 0,
      tiers: { changeFailureRate: { elite: 0 } },
    });
    expect(options.attributionWindowHours).toBe(0);
    expect(options.tiers.changeFailureRate.elite).toBe(0);
  });

  it.each([
    [{ windowDays: -1 }, 'releaseScorecard.dora.windowDays'],
    [{ windowDays: 0 }, 'releaseScorecard.dora.windowDays'],
    [{ windowDays: 1.5 }, 'releaseScorecard.dora.windowDays'],
    [{ windowDays: 'ninety' }, 'releaseScorecard.dora.windowDays'],
    [
      { attributionWindowHours: -1 },
      'releaseScorecard.dora.attributionWindowHours',
    ],
    [
      { tiers: { leadTime: { eliteHours: -1 } } },
      'releaseScorecard.dora.tiers.leadTime.eliteHours',
    ],
    [
      { tiers: { recoveryTime: { mediumHours: 0 } } },
      'releaseScorecard.dora.tiers.recoveryTime.mediumHours',
    ],
    [
      { tiers: { deploymentFrequency: { mediumPer30Days: 0 } } },
      'releaseScorecard.dora.tiers.deploymentFrequency.mediumPer30Days',
    ],
    [
      { tiers: { changeFailureRate: { medium: 1.5 } } },
      'releaseScorecard.dora.tiers.changeFailureRate.medium',
    ],
    [
      { tiers: { changeFailureRate: { elite: -0.01 } } },
      'releaseScorecard.dora.tiers.changeFailureRate.elite',
    ],
    [{ tiers: { profile: ' ' } }, 'releaseScorecard.dora.tiers.profile'],
  ])('refuses %j, naming %s', (dora, key) => {
    expect(() => readDora(dora)).toThrow(key);
  });

  it.each([
    // high 12 h below elite 24 h
    [
      { leadTime: { highHours: 12 } },
      'releaseScorecard.dora.tiers.leadTime.highHours (12) must be greater than releaseScorecard.dora.tiers.leadTime.eliteHours (24)',
    ],
    // equal thresholds leave the high tier unreachable
    [
      { recoveryTime: { highHours: 1 } },
      'releaseScorecard.dora.tiers.recoveryTime.highHours (1) must be greater than releaseScorecard.dora.tiers.recoveryTime.eliteHours (1)',
    ],
    [
      { changeFailureRate: { elite: 0.2 } },
      'releaseScorecard.dora.tiers.changeFailureRate.high (0.1) must be greater than releaseScorecard.dora.tiers.changeFailureRate.elite (0.2)',
    ],
    [
      { changeFailureRate: { medium: 0.1 } },
      'releaseScorecard.dora.tiers.changeFailureRate.medium (0.1) must be greater than releaseScorecard.dora.tiers.changeFailureRate.high (0.1)',
    ],
    // frequency: higher is better, so elite must be the largest
    [
      { deploymentFrequency: { highPerWeek: 10 } },
      'releaseScorecard.dora.tiers.deploymentFrequency.elitePerWeek (7) must be greater than releaseScorecard.dora.tiers.deploymentFrequency.highPerWeek (10)',
    ],
    // 5 per 30 days = 5 · 7 / 30 = 1.167 per week, above high's 1 per week
    [
      { deploymentFrequency: { mediumPer30Days: 5 } },
      'releaseScorecard.dora.tiers.deploymentFrequency.highPerWeek (1) must be greater than releaseScorecard.dora.tiers.deploymentFrequency.mediumPer30Days (5 per 30 days = 1.167 per week)',
    ],
  ])('refuses thresholds out of order: %j', (tiers, message) => {
    expect(() => readDora({ tiers })).toThrow(message);
  });

  it('accepts a medium frequency just below the high one', () => {
    // 4 per 30 days = 0.933 per week < 1 per week
    const options = readDora({
      tiers: { deploymentFrequency: { mediumPer30Days: 4 } },
    });
    expect(options.tiers.deploymentFrequency.mediumPer30Days).toBe(4);
  });

  it('refuses a window longer than retention keeps records', () => {
    expect(() =>
      readDoraOptions(
        new ConfigReader({ releaseScorecard: { dora: { windowDays: 500 } } }),
        400,
      ),
    ).toThrow(
      'Invalid config releaseScorecard.dora.windowDays: must not exceed releaseScorecard.retentionDays (400)',
    );
    expect(
      readDoraOptions(
        new ConfigReader({ releaseScorecard: { dora: { windowDays: 400 } } }),
        400,
      ).windowDays,
    ).toBe(400);
  });

  it('refuses an empty list of production environments', () => {
    expect(() => read({ productionEnvironments: [] })).toThrow(
      'releaseScorecard.productionEnvironments',
    );
    expect(() => read({ productionEnvironments: ['prod', ' '] })).toThrow(
      'releaseScorecard.productionEnvironments',
    );
  });
});
