/*
 * Scorecard rules as platform teams write them under `releaseScorecard.rules`
 * in app-config.yaml, and the results the backend computes from them.
 */

export const RULE_OPERATORS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'notIn',
  'exists',
] as const;
/** @public */
export type RuleOperator = (typeof RULE_OPERATORS)[number];

export type FactValue = string | number | boolean | string[] | null;
export type ConditionValue = string | number | boolean | Array<string | number>;

/** Compares one fact with a value: `{ fact: gate.unit-tests.coverage, op: gte, value: 0.8 }`. */
export interface FactCondition {
  fact: string;
  op: RuleOperator;
  /** Required for every operator except `exists`, where it defaults to true. */
  value?: ConditionValue;
}

/** A condition tree: facts combined with `all`, `any` and `not`. */
export type RuleCondition =
  | FactCondition
  | { all: RuleCondition[] }
  | { any: RuleCondition[] }
  | { not: RuleCondition };

export const RULE_SEVERITIES = ['blocking', 'warning'] as const;
/** Blocking rules block release readiness; warning rules only lower the score. */
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];

/** Which entities a rule applies to; every listed field must match. */
export interface RuleAppliesTo {
  kind?: string[];
  type?: string[];
  lifecycle?: string[];
  /** Owner entity refs, e.g. `group:default/payments-team`. */
  owner?: string[];
  /** System entity refs, e.g. `system:default/payments`. */
  system?: string[];
  /** The entity must carry at least one of these tags. */
  tags?: string[];
}

/** A rule after the configuration has been read and defaults applied. */
export interface RuleDefinition {
  id: string;
  title: string;
  description?: string;
  severity: RuleSeverity;
  /** The level this rule belongs to; the lowest level when not set. */
  level: string;
  weight: number;
  appliesTo?: RuleAppliesTo;
  check: RuleCondition;
}

/** A time-boxed permission for one entity to fail one rule. */
export interface RuleExemption {
  /** Entity ref of the exempt entity. */
  entity: string;
  rule: string;
  reason: string;
  /** ISO date (inclusive) after which the exemption no longer applies. */
  expires?: string;
}

export const RULE_STATUSES = [
  'pass',
  'fail',
  'exempt',
  'no-data',
  'not-applicable',
] as const;
/** @public */
export type RuleStatus = (typeof RULE_STATUSES)[number];

/** The outcome of one rule for one entity. */
export interface RuleResult {
  id: string;
  title: string;
  severity: RuleSeverity;
  level: string;
  weight: number;
  status: RuleStatus;
  /** The fact value(s) the rule looked at; for a combinator, per fact. */
  actual: FactValue | Record<string, FactValue>;
  /** The condition in words, e.g. `gte 0.8`. */
  expected: string;
  /** A sentence that explains the status, e.g. what to fix. */
  message: string;
  exemption: { reason: string; expires?: string } | null;
}
