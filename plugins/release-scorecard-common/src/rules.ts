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
  /** The facts the rule tests, e.g. `gate.unit-tests.coverage`. */
  facts: string[];
  /** The condition in words and units, e.g. `at least 80%`. */
  expected: string;
  /** A sentence that explains the status, e.g. what to fix. */
  message: string;
  exemption: { reason: string; expires?: string } | null;
  /**
   * For a failing rule: when it started failing, that is the evaluation
   * that found it failing after another status; `firstEvaluation` when that
   * was the entity's first evaluation of the rule (it may have failed
   * before anyone looked).
   */
  failingSince?: FailingSince;
}

export interface FailingSince {
  at: string;
  firstEvaluation: boolean;
}

/** The fact names a condition tests, each once, in the order they appear. */
export function listConditionFacts(condition: RuleCondition): string[] {
  const facts = new Set<string>();
  const visit = (node: RuleCondition) => {
    if ('fact' in node) {
      facts.add(node.fact);
    } else if ('all' in node) {
      node.all.forEach(visit);
    } else if ('any' in node) {
      node.any.forEach(visit);
    } else {
      visit(node.not);
    }
  };
  visit(condition);
  return [...facts];
}

/**
 * Whether a status meets its rule. `no-data` does not: nobody has shown
 * that the rule holds. Not-applicable neither meets nor misses.
 */
export function meetsRule(status: RuleStatus): boolean {
  return status === 'pass' || status === 'exempt';
}

/** 0 for a status that meets its rule (or does not apply), 1 for one that does not. */
const RULE_STATUS_RANK: Record<RuleStatus, number> = {
  pass: 0,
  exempt: 0,
  'not-applicable': 0,
  'no-data': 1,
  fail: 1,
};

export type RuleChangeDirection = 'worse' | 'better' | 'same';

/**
 * Whether a change of status made things worse or better. A change between
 * two statuses that both miss the rule (fail → no-data, no-data → fail) is
 * neither: the rule was not met before and is not met now.
 */
export function ruleChangeDirection(
  from: RuleStatus | null,
  to: RuleStatus,
): RuleChangeDirection {
  if (from === null) {
    return 'same';
  }
  const delta = RULE_STATUS_RANK[to] - RULE_STATUS_RANK[from];
  if (delta > 0) {
    return 'worse';
  }
  return delta < 0 ? 'better' : 'same';
}

/** How many of the rules that apply to an entity could be checked. */
export interface RuleCoverage {
  /** Rules that apply and have data (pass, fail or exempt). */
  withData: number;
  /** Rules that apply (everything but not-applicable). */
  applicable: number;
}

export function ruleCoverageOf(statuses: RuleStatus[]): RuleCoverage {
  const applicable = statuses.filter(status => status !== 'not-applicable');
  return {
    withData: applicable.filter(status => status !== 'no-data').length,
    applicable: applicable.length,
  };
}
