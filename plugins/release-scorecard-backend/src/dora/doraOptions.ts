import { Config } from '@backstage/config';

/** Thresholds between DORA tiers, per metric (docs/dora.md, Tiers). */
export interface DoraTierThresholds {
  /** Name shown as the profile, e.g. `2023`. */
  profile: string;
  deploymentFrequency: {
    /** Deployments per week at or above which the tier is elite. */
    elitePerWeek: number;
    /** Deployments per week at or above which the tier is high. */
    highPerWeek: number;
    /** Deployments per 30 days at or above which the tier is medium. */
    mediumPer30Days: number;
  };
  leadTime: {
    /** Median lead time below which the tier is elite, in hours. */
    eliteHours: number;
    highHours: number;
    mediumHours: number;
  };
  changeFailureRate: {
    /** Rate (0..1) at or below which the tier is elite. */
    elite: number;
    high: number;
    medium: number;
  };
  recoveryTime: {
    /** Median recovery time below which the tier is elite, in hours. */
    eliteHours: number;
    highHours: number;
    mediumHours: number;
  };
}

/** How DORA metrics are computed, from `releaseScorecard` configuration. */
export interface DoraOptions {
  /** Default window when a request does not name one, in days. */
  windowDays: number;
  /** How long before an incident a deployment may have caused it, in hours. */
  attributionWindowHours: number;
  /** Environment names that count as production, in lower case. */
  productionEnvironments: string[];
  tiers: DoraTierThresholds;
}

/** The 2023 State of DevOps clusters (docs/dora.md, Tiers). */
export const DEFAULT_DORA_TIER_THRESHOLDS: DoraTierThresholds = {
  profile: '2023',
  deploymentFrequency: { elitePerWeek: 7, highPerWeek: 1, mediumPer30Days: 1 },
  leadTime: { eliteHours: 24, highHours: 7 * 24, mediumHours: 30 * 24 },
  changeFailureRate: { elite: 0.05, high: 0.1, medium: 0.15 },
  recoveryTime: { eliteHours: 1, highHours: 24, mediumHours: 7 * 24 },
};

export const DEFAULT_DORA_OPTIONS: DoraOptions = {
  windowDays: 90,
  attributionWindowHours: 24,
  productionEnvironments: ['production', 'prod'],
  tiers: DEFAULT_DORA_TIER_THRESHOLDS,
};

const DORA = 'releaseScorecard.dora';
const TIERS = `${DORA}.tiers`;

/**
 * Reads and validates the DORA options. A value that would make a metric or a
 * tier meaningless (a negative window, thresholds in the wrong order) stops
 * the backend with an error that names the config key.
 */
export function readDoraOptions(
  config: Config,
  retentionDays = Infinity,
): DoraOptions {
  const windowDays = readNumber(
    config,
    `${DORA}.windowDays`,
    DEFAULT_DORA_OPTIONS.windowDays,
  );
  if (!Number.isInteger(windowDays) || windowDays < 1) {
    throw invalid(
      `${DORA}.windowDays`,
      'must be a whole number of days ≥ 1',
      windowDays,
    );
  }
  if (windowDays > retentionDays) {
    throw invalid(
      `${DORA}.windowDays`,
      `must not exceed releaseScorecard.retentionDays (${retentionDays}): older records are deleted`,
      windowDays,
    );
  }

  const attributionWindowHours = readNumber(
    config,
    `${DORA}.attributionWindowHours`,
    DEFAULT_DORA_OPTIONS.attributionWindowHours,
  );
  if (attributionWindowHours < 0) {
    throw invalid(
      `${DORA}.attributionWindowHours`,
      'must not be negative',
      attributionWindowHours,
    );
  }

  return {
    windowDays,
    attributionWindowHours,
    productionEnvironments: readProductionEnvironments(config),
    tiers: readTierThresholds(config),
  };
}

function readProductionEnvironments(config: Config): string[] {
  const key = 'releaseScorecard.productionEnvironments';
  const configured = config.getOptionalStringArray(key);
  if (configured === undefined) {
    return [...DEFAULT_DORA_OPTIONS.productionEnvironments];
  }
  const names = configured.map(name => name.trim().toLocaleLowerCase('en-US'));
  if (names.length === 0 || names.some(name => name === '')) {
    // An empty list would silently report every service as never deploying.
    throw new Error(
      `Invalid config ${key}: list at least one environment name, and no empty names`,
    );
  }
  return [...new Set(names)];
}

function readTierThresholds(config: Config): DoraTierThresholds {
  const defaults = DEFAULT_DORA_TIER_THRESHOLDS;

  const profile =
    config.getOptionalString(`${TIERS}.profile`) ?? defaults.profile;
  if (profile.trim() === '') {
    throw new Error(`Invalid config ${TIERS}.profile: must not be empty`);
  }

  const frequency = readPositiveThresholds(
    config,
    `${TIERS}.deploymentFrequency`,
    defaults.deploymentFrequency,
  );
  // Higher is better: compare all three as deployments per week.
  assertIncreasing([
    {
      key: `${TIERS}.deploymentFrequency.mediumPer30Days`,
      value: (frequency.mediumPer30Days * 7) / 30,
      shown: `${frequency.mediumPer30Days} per 30 days = ${formatNumber(
        (frequency.mediumPer30Days * 7) / 30,
      )} per week`,
    },
    {
      key: `${TIERS}.deploymentFrequency.highPerWeek`,
      value: frequency.highPerWeek,
    },
    {
      key: `${TIERS}.deploymentFrequency.elitePerWeek`,
      value: frequency.elitePerWeek,
    },
  ]);

  const leadTime = readPositiveThresholds(
    config,
    `${TIERS}.leadTime`,
    defaults.leadTime,
  );
  assertIncreasing(lowerIsBetter(`${TIERS}.leadTime`, leadTime, 'Hours'));

  const changeFailureRate = {
    elite: readNumber(
      config,
      `${TIERS}.changeFailureRate.elite`,
      defaults.changeFailureRate.elite,
    ),
    high: readNumber(
      config,
      `${TIERS}.changeFailureRate.high`,
      defaults.changeFailureRate.high,
    ),
    medium: readNumber(
      config,
      `${TIERS}.changeFailureRate.medium`,
      defaults.changeFailureRate.medium,
    ),
  };
  for (const [name, value] of Object.entries(changeFailureRate)) {
    // An elite threshold of 0 is meaningful: only a clean record is elite.
    if (value < 0 || value > 1) {
      throw invalid(
        `${TIERS}.changeFailureRate.${name}`,
        'must be a rate between 0 and 1',
        value,
      );
    }
  }
  assertIncreasing(
    lowerIsBetter(`${TIERS}.changeFailureRate`, changeFailureRate, ''),
  );

  const recoveryTime = readPositiveThresholds(
    config,
    `${TIERS}.recoveryTime`,
    defaults.recoveryTime,
  );
  assertIncreasing(
    lowerIsBetter(`${TIERS}.recoveryTime`, recoveryTime, 'Hours'),
  );

  return {
    profile,
    deploymentFrequency: frequency,
    leadTime,
    changeFailureRate,
    recoveryTime,
  };
}

function readNumber(config: Config, key: string, fallback: number): number {
  // getOptionalNumber already rejects non-numbers, naming the key.
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isFinite(value)) {
    throw invalid(key, 'must be a finite number', value);
  }
  return value;
}

function readPositiveThresholds<T extends Record<string, number>>(
  config: Config,
  prefix: string,
  defaults: T,
): T {
  const result: Record<string, number> = {};
  for (const [name, fallback] of Object.entries(defaults)) {
    const value = readNumber(config, `${prefix}.${name}`, fallback);
    if (value <= 0) {
      throw invalid(`${prefix}.${name}`, 'must be greater than 0', value);
    }
    result[name] = value;
  }
  return result as T;
}

interface Threshold {
  key: string;
  value: number;
  /** How to show the value when it is converted for the comparison. */
  shown?: string;
}

/** Elite, high, medium, in the order their values must increase. */
function lowerIsBetter(
  prefix: string,
  thresholds: Record<string, number>,
  suffix: string,
): Threshold[] {
  return ['elite', 'high', 'medium'].map(tier => ({
    key: `${prefix}.${tier}${suffix}`,
    value: thresholds[`${tier}${suffix}`],
  }));
}

/**
 * Thresholds must strictly increase: with two equal thresholds the tier
 * between them could never be reached, which is a configuration mistake.
 */
function assertIncreasing(thresholds: Threshold[]) {
  for (let i = 1; i < thresholds.length; i++) {
    const previous = thresholds[i - 1];
    const current = thresholds[i];
    if (!(current.value > previous.value)) {
      const show = (t: Threshold) => `${t.key} (${t.shown ?? t.value})`;
      throw new Error(
        `Invalid config ${current.key}: ${show(
          current,
        )} must be greater than ${show(previous)}`,
      );
    }
  }
}

function formatNumber(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function invalid(key: string, rule: string, value: number): Error {
  return new Error(`Invalid config ${key}: ${rule}, got ${value}`);
}
