import {
  DORA_TIERS,
  DoraTier,
} from '@internal/plugin-release-scorecard-common';
import { DoraTierThresholds } from './doraOptions';

const SECONDS_PER_HOUR = 3600;

/**
 * Deployment frequency: at or above elitePerWeek is elite, at or above
 * highPerWeek is high, at or above mediumPer30Days is medium, else low.
 * (A window without any production deployment gets no tier at all: see
 * summarizeDoraSamples.)
 *
 * Pass perWeek as `(deployments * 7) / windowDays`: the medium threshold is
 * converted the same way, `(mediumPer30Days * 7) / 30`, so that a window with
 * exactly one deployment per 30 days compares equal rather than a rounding
 * error below.
 */
export function deploymentFrequencyTier(
  perWeek: number,
  thresholds: DoraTierThresholds['deploymentFrequency'],
): DoraTier {
  if (perWeek >= thresholds.elitePerWeek) {
    return 'elite';
  }
  if (perWeek >= thresholds.highPerWeek) {
    return 'high';
  }
  if (perWeek >= (thresholds.mediumPer30Days * 7) / 30) {
    return 'medium';
  }
  return 'low';
}

/** Lead time for changes: strictly below each threshold, in hours. */
export function leadTimeTier(
  medianSeconds: number | null,
  thresholds: DoraTierThresholds['leadTime'],
): DoraTier | null {
  return durationTier(medianSeconds, thresholds);
}

/** Failed deployment recovery time: strictly below each threshold, in hours. */
export function recoveryTimeTier(
  medianSeconds: number | null,
  thresholds: DoraTierThresholds['recoveryTime'],
): DoraTier | null {
  return durationTier(medianSeconds, thresholds);
}

/** Change failure rate: at or below each threshold. */
export function changeFailureRateTier(
  rate: number | null,
  thresholds: DoraTierThresholds['changeFailureRate'],
): DoraTier | null {
  if (rate === null) {
    return null;
  }
  if (rate <= thresholds.elite) {
    return 'elite';
  }
  if (rate <= thresholds.high) {
    return 'high';
  }
  if (rate <= thresholds.medium) {
    return 'medium';
  }
  return 'low';
}

/** The worst tier among those that are known; null when none is. */
export function overallDoraTier(
  tiers: ReadonlyArray<DoraTier | null>,
): DoraTier | null {
  let worst: DoraTier | null = null;
  for (const tier of tiers) {
    if (tier !== null && (worst === null || rank(tier) > rank(worst))) {
      worst = tier;
    }
  }
  return worst;
}

function durationTier(
  seconds: number | null,
  thresholds: { eliteHours: number; highHours: number; mediumHours: number },
): DoraTier | null {
  if (seconds === null) {
    return null;
  }
  if (seconds < thresholds.eliteHours * SECONDS_PER_HOUR) {
    return 'elite';
  }
  if (seconds < thresholds.highHours * SECONDS_PER_HOUR) {
    return 'high';
  }
  if (seconds < thresholds.mediumHours * SECONDS_PER_HOUR) {
    return 'medium';
  }
  return 'low';
}

/** 0 for elite … 3 for low. */
function rank(tier: DoraTier): number {
  return DORA_TIERS.indexOf(tier);
}
