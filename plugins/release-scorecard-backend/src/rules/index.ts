/*
 * The scorecard rules engine: reading the rules from configuration and
 * evaluating them for one entity. Pure functions, no I/O.
 */
export {
  readScorecardConfig,
  DEFAULT_LEVELS,
  DEFAULT_REQUIRED_GATES,
} from './readScorecardConfig';
export { evaluateCondition, isFactCondition } from './evaluateCondition';
export type { ConditionEvaluation } from './evaluateCondition';
export { describeMissingFact } from './describeMissingFact';
export { findAppliesToMismatch } from './findAppliesToMismatch';
export { findActiveExemption, isExemptionActive } from './findActiveExemption';
export { computeReadiness } from './computeReadiness';
export {
  evaluateScorecard,
  evaluateRule,
  computeScore,
  computeLevel,
} from './evaluateRules';
export type { EvaluateScorecardOptions } from './evaluateRules';
export type {
  ScorecardConfig,
  Facts,
  ConditionOutcome,
  CandidateRun,
  ScorecardEvaluation,
} from './types';
