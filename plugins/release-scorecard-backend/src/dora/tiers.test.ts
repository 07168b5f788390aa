import { DoraTierThresholds } from './doraOptions';
import {
  changeFailureRateTier,
  deploymentFrequencyTier,
  leadTimeTier,
  overallDoraTier,
  recoveryTimeTier,
} from './tiers';

// Written out rather than imported, so that a wrong default fails here.
const thresholds2023: DoraTierThresholds = {
  profile: '2023',
  deploymentFrequency: { elitePerWeek: 7, highPerWeek: 1, mediumPer30Days: 1 },
  leadTime: { eliteHours: 24, highHours: 168, mediumHours: 720 },
  changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15 },
  recoveryTime: { eliteHours: 1, highHours: 24, mediumHours: 168 },
};

const HOUR = 3600;
const DAY = 24 * HOUR;

describe('deploymentFrequencyTier', () => {
  const tier = (perWeek: number) =>
    deploymentFrequencyTier(perWeek, thresholds2023.deploymentFrequency);

  it('is elite at 7 per week and above', () => {
    expect(tier(7)).toBe('elite');
    expect(tier(20)).toBe('elite');
    // 90 deployments in 90 days: 90 · 7 / 90 = 7
    expect(tier((90 * 7) / 90)).toBe('elite');
  });

  it('is high from 1 up to 7 per week', () => {
    expect(tier(6.99)).toBe('high');
    expect(tier(1)).toBe('high');
    // 13 in 90 days: 91 / 90 = 1.011 per week
    expect(tier((13 * 7) / 90)).toBe('high');
  });

  it('is medium from 1 per 30 days up to 1 per week', () => {
    // 12 in 90 days: 84 / 90 = 0.933 per week
    expect(tier((12 * 7) / 90)).toBe('medium');
    // exactly 1 per 30 days: 3 in 90 days = 21 / 90 per week = 7 / 30
    expect(tier((3 * 7) / 90)).toBe('medium');
    expect(tier((1 * 7) / 30)).toBe('medium');
  });

  it('is medium at exactly a configured medium threshold', () => {
    // 3 per 30 days = 0.7 per week; 9 deployments in 90 days = 63 / 90 = 0.7
    const threePer30Days = {
      elitePerWeek: 7,
      highPerWeek: 1,
      mediumPer30Days: 3,
    };
    expect(deploymentFrequencyTier((9 * 7) / 90, threePer30Days)).toBe(
      'medium',
    );
    expect(deploymentFrequencyTier((8 * 7) / 90, threePer30Days)).toBe('low');
  });

  it('is low below 1 per 30 days, and at zero', () => {
    // 2 in 90 days = 14 / 90 = 0.156 per week < 7 / 30 = 0.233
    expect(tier((2 * 7) / 90)).toBe('low');
    expect(tier(0)).toBe('low');
  });
});

describe('leadTimeTier', () => {
  const tier = (seconds: number | null) =>
    leadTimeTier(seconds, thresholds2023.leadTime);

  it('compares strictly below each threshold', () => {
    expect(tier(0)).toBe('elite');
    expect(tier(DAY - 1)).toBe('elite');
    expect(tier(DAY)).toBe('high'); // 1 day is not < 1 day
    expect(tier(7 * DAY - 1)).toBe('high');
    expect(tier(7 * DAY)).toBe('medium');
    expect(tier(30 * DAY - 1)).toBe('medium');
    expect(tier(30 * DAY)).toBe('low');
  });

  it('is null without samples', () => {
    expect(tier(null)).toBeNull();
  });
});

describe('changeFailureRateTier', () => {
  const tier = (rate: number | null) =>
    changeFailureRateTier(rate, thresholds2023.changeFailureRate);

  it('compares at or below each threshold', () => {
    expect(tier(0)).toBe('elite');
    expect(tier(1 / 20)).toBe('elite'); // exactly 5 %
    expect(tier(0.0501)).toBe('high');
    expect(tier(2 / 20)).toBe('high'); // exactly 10 %
    expect(tier(0.1001)).toBe('medium');
    expect(tier(3 / 20)).toBe('medium'); // exactly 15 %
    expect(tier(0.1501)).toBe('low');
    expect(tier(1)).toBe('low');
  });

  it('is null without deployments', () => {
    expect(tier(null)).toBeNull();
  });
});

describe('recoveryTimeTier', () => {
  const tier = (seconds: number | null) =>
    recoveryTimeTier(seconds, thresholds2023.recoveryTime);

  it('compares strictly below each threshold', () => {
    expect(tier(HOUR - 1)).toBe('elite');
    expect(tier(HOUR)).toBe('high'); // 1 hour is not < 1 hour
    expect(tier(DAY - 1)).toBe('high');
    expect(tier(DAY)).toBe('medium');
    expect(tier(7 * DAY - 1)).toBe('medium');
    expect(tier(7 * DAY)).toBe('low');
  });

  it('is null without samples', () => {
    expect(tier(null)).toBeNull();
  });

  it('uses the thresholds it is given', () => {
    // elite below 30 min: 45 min is high
    const strict = { eliteHours: 0.5, highHours: 4, mediumHours: 24 };
    expect(recoveryTimeTier(45 * 60, strict)).toBe('high');
    expect(recoveryTimeTier(29 * 60, strict)).toBe('elite');
    expect(recoveryTimeTier(4 * HOUR, strict)).toBe('medium');
  });
});

describe('overallDoraTier', () => {
  it('is the worst known tier', () => {
    expect(overallDoraTier(['elite', null, 'high'])).toBe('high');
    expect(overallDoraTier(['medium', 'high', 'elite'])).toBe('medium');
    expect(overallDoraTier(['elite', 'low', 'high'])).toBe('low');
    expect(overallDoraTier(['elite', 'elite'])).toBe('elite');
  });

  it('is null when no tier is known', () => {
    expect(overallDoraTier([null, null, null])).toBeNull();
    expect(overallDoraTier([])).toBeNull();
  });
});
