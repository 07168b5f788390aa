/*
 * DORA metrics (docs/dora.md): the evidence each figure rests on, and pure
 * functions from it to the headline figures, the drill-down and the trend.
 */
export {
  emptyDoraEvidence,
  poolDoraEvidence,
  type DoraEvidence,
  type DoraChange,
  type DoraLeadTime,
  type DoraRecovery,
  type DoraOpenedIncident,
} from './doraEvidence';
export { doraWindowEndingAt, type DoraWindow } from './doraWindow';
export { summarizeDora, describeDora, type DoraSubject } from './summarizeDora';
export { weeklyDoraTrend } from './weeklyTrend';
export {
  computeDoraMetrics,
  computeDoraDetails,
  computeWeeklyDoraTrend,
  selectDoraEvidence,
  type DoraInput,
  type DoraDeployment,
  type DoraIncident,
} from './computeDora';
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
