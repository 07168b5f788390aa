import {
  EntityScorecard,
  FactValue,
  PipelineRun,
  RuleDefinition,
  RuleExemption,
} from '@internal/plugin-release-scorecard-common';

/** The `releaseScorecard` scorecard configuration, validated and with defaults applied. */
export interface ScorecardConfig {
  /** Level names, lowest first. */
  levels: string[];
  /** Gates that must have passed for a release candidate to be ready, in display order. */
  requiredGates: string[];
  rules: RuleDefinition[];
  /** Entity refs in their canonical lower-case form. */
  exemptions: RuleExemption[];
}

/** Fact name → value; `undefined` (or `null`) means there is no data for the fact. */
export type Facts = Record<string, FactValue | undefined>;

/** The outcome of a condition before exemptions and applicability are considered. */
export type ConditionOutcome = 'pass' | 'fail' | 'no-data';

/** The release candidate: the latest pipeline run of the entity. */
export type CandidateRun = Pick<
  PipelineRun,
  'id' | 'revision' | 'version' | 'gates'
>;

/** What `evaluateScorecard` computes for one entity. */
export type ScorecardEvaluation = Pick<
  EntityScorecard,
  'score' | 'level' | 'rules' | 'readiness'
>;
