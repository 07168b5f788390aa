/*
 * DORA metrics (SPEC §4.1) as pure functions of deployments and incidents.
 */
export {
  computeDoraMetrics,
  computeDoraDetails,
  type DoraInput,
  type DoraDeployment,
  type DoraIncident,
} from './computeDora';
export { computeWeeklyDoraTrend } from './weeklyTrend';
export {
  summarizeDoraSamples,
  type DoraSamples,
  type DoraSummaryContext,
} from './summarizeDoraSamples';
export {
  readDoraOptions,
  DEFAULT_DORA_OPTIONS,
  DEFAULT_DORA_TIER_THRESHOLDS,
  type DoraOptions,
  type DoraTierThresholds,
} from './doraOptions';
export {
  deploymentFrequencyTier,
  leadTimeTier,
  changeFailureRateTier,
  recoveryTimeTier,
  overallDoraTier,
} from './tiers';
export { median, percentileNearestRank } from './statistics';
