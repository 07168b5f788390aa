import { DoraMetrics } from '@internal/plugin-release-scorecard-common';
import { DoraTierThresholds } from './doraOptions';
import { median, percentileNearestRank } from './statistics';
import {
  changeFailureRateTier,
  deploymentFrequencyTier,
  leadTimeTier,
  overallDoraTier,
  recoveryTimeTier,
} from './tiers';

/**
 * The counts and samples that DORA figures are made of, however they were
 * selected: by computeDoraMetrics from records, or by SQL aggregates. Keeping
 * the last step shared means both paths report the same medians and tiers.
 */
export interface DoraSamples {
  /** Succeeded production deployments finished in the window. */
  deployments: number;
  /** Production deployments finished in the window: succeeded, failed or rolled back. */
  changes: number;
  /** Those of `changes` that failed, were rolled back or have an attributed incident. */
  failedChanges: number;
  /** One lead time per commit, in seconds, negative ones already left out. */
  leadTimeSeconds: ReadonlyArray<number>;
  /** Time to resolve each incident resolved in the window, in seconds. */
  recoverySeconds: ReadonlyArray<number>;
}

/** What the figures are about: the window and the entity or owner. */
export interface DoraSummaryContext {
  windowDays: number;
  /** Start of the window (exclusive), ISO 8601. */
  from: string;
  /** End of the window (inclusive), ISO 8601. */
  to: string;
  entityRef?: string;
  ownerRef?: string;
  entityCount: number;
}

/** Turns counts and samples into the DORA figures and tiers (docs/dora.md). */
export function summarizeDoraSamples(
  samples: DoraSamples,
  context: DoraSummaryContext,
  tiers: DoraTierThresholds,
): DoraMetrics {
  // Full precision: rounding is the display's business. Multiplying first
  // keeps a rate of exactly one per 30 days equal to the medium threshold
  // (see deploymentFrequencyTier).
  const perWeek = (samples.deployments * 7) / context.windowDays;
  const leadTimeMedian = median(samples.leadTimeSeconds);
  const rate =
    samples.changes > 0 ? samples.failedChanges / samples.changes : null;
  const recoveryMedian = median(samples.recoverySeconds);

  // Without a single production deployment in the window there is nothing
  // to rank: no tier, rather than a "low" read off an absence of data.
  const frequencyTier =
    samples.changes > 0
      ? deploymentFrequencyTier(perWeek, tiers.deploymentFrequency)
      : null;
  const leadTier = leadTimeTier(leadTimeMedian, tiers.leadTime);
  const failureTier = changeFailureRateTier(rate, tiers.changeFailureRate);
  const recoveryTier = recoveryTimeTier(recoveryMedian, tiers.recoveryTime);

  return {
    ...(context.entityRef !== undefined && { entityRef: context.entityRef }),
    ...(context.ownerRef !== undefined && { ownerRef: context.ownerRef }),
    entityCount: context.entityCount,
    windowDays: context.windowDays,
    from: context.from,
    to: context.to,
    profile: tiers.profile,
    deploymentFrequency: {
      deployments: samples.deployments,
      perWeek,
      tier: frequencyTier,
    },
    leadTime: {
      medianSeconds: leadTimeMedian,
      p90Seconds: percentileNearestRank(samples.leadTimeSeconds, 90),
      samples: samples.leadTimeSeconds.length,
      tier: leadTier,
    },
    changeFailureRate: {
      failed: samples.failedChanges,
      total: samples.changes,
      rate,
      tier: failureTier,
    },
    recoveryTime: {
      medianSeconds: recoveryMedian,
      samples: samples.recoverySeconds.length,
      tier: recoveryTier,
    },
    // The worst of the four; none without deployments, since incidents
    // alone say nothing of how the team delivers.
    overallTier:
      frequencyTier === null
        ? null
        : overallDoraTier([frequencyTier, leadTier, failureTier, recoveryTier]),
  };
}
