import {
  ConditionValue,
  describeCondition,
  describeFactValues,
  describeWanted,
  FactCondition,
  FactValue,
  formatFact,
  RuleCondition,
} from '@internal/plugin-release-scorecard-common';
import { describeMissingFact } from './describeMissingFact';
import { ConditionOutcome, Facts } from './types';

/** The outcome of a condition, with what it looked at and why. */
export interface ConditionEvaluation {
  outcome: ConditionOutcome;
  /** Each fact the condition names, with its value; `null` where there is no data. */
  actual: Record<string, FactValue>;
  /**
   * Sentences that explain a `fail` or `no-data` outcome: what is wrong or
   * which data is missing. Empty for `pass`.
   */
  reasons: string[];
}

export function isFactCondition(
  condition: RuleCondition,
): condition is FactCondition {
  return 'fact' in condition;
}

/**
 * Evaluates a condition against the facts of one entity.
 *
 * Missing data (`undefined` or `null`) never passes silently:
 * - a fact condition on a missing fact is `no-data`, except `exists`, which
 *   is the one operator that can require data (`exists` fails, `exists: false`
 *   passes);
 * - `all` fails if any child fails, else is `no-data` if any child is, else passes;
 * - `any` passes if any child passes, else is `no-data` if any child is, else fails;
 * - `not` swaps pass and fail and keeps `no-data`.
 *
 * Comparisons are strict and case-sensitive. On list facts (`entity.tags`),
 * `eq`/`ne` test membership of the value and `in`/`notIn` test whether any
 * element is one of the values.
 */
export function evaluateCondition(
  condition: RuleCondition,
  facts: Facts,
): ConditionEvaluation {
  if (isFactCondition(condition)) {
    return evaluateFactCondition(condition, facts);
  }
  if ('all' in condition) {
    const children = condition.all.map(child =>
      evaluateCondition(child, facts),
    );
    return combine(children, firstOutcomeOf(children, ['fail', 'no-data']));
  }
  if ('any' in condition) {
    const children = condition.any.map(child =>
      evaluateCondition(child, facts),
    );
    const evaluation = combine(
      children,
      firstOutcomeOf(children, ['pass', 'no-data', 'fail']),
    );
    // Every alternative failed: say what the facts are once, and the
    // alternatives the rule would accept, instead of one sentence each.
    return evaluation.outcome === 'fail'
      ? {
          ...evaluation,
          reasons: [
            `${describeFactValues(
              evaluation.actual,
            )}; the rule wants: ${describeCondition(condition, {
              withFactNames: true,
            })}.`,
          ],
        }
      : evaluation;
  }
  return evaluateNot(condition.not, facts);
}

/**
 * The first of `outcomes`, in order of precedence, that a child has; `pass`
 * when none has (`all` of children that all pass).
 */
function firstOutcomeOf(
  children: ConditionEvaluation[],
  outcomes: ConditionOutcome[],
): ConditionOutcome {
  return (
    outcomes.find(outcome =>
      children.some(child => child.outcome === outcome),
    ) ?? 'pass'
  );
}

function combine(
  children: ConditionEvaluation[],
  outcome: ConditionOutcome,
): ConditionEvaluation {
  return {
    outcome,
    actual: Object.assign({}, ...children.map(child => child.actual)),
    // Explain only with the children that share the outcome: for a failing
    // `all` the failing checks, for a `no-data` one the missing facts.
    reasons:
      outcome === 'pass'
        ? []
        : children
            .filter(child => child.outcome === outcome)
            .flatMap(child => child.reasons),
  };
}

function evaluateNot(
  condition: RuleCondition,
  facts: Facts,
): ConditionEvaluation {
  const inner = evaluateCondition(condition, facts);
  if (inner.outcome === 'no-data') {
    return inner;
  }
  if (inner.outcome === 'fail') {
    return { outcome: 'pass', actual: inner.actual, reasons: [] };
  }
  return {
    outcome: 'fail',
    actual: inner.actual,
    reasons: [
      `${describeFactValues(
        inner.actual,
      )}; the rule wants not (${describeCondition(condition, {
        withFactNames: true,
      })}).`,
    ],
  };
}

function evaluateFactCondition(
  condition: FactCondition,
  facts: Facts,
): ConditionEvaluation {
  const { fact, op } = condition;
  const value = facts[fact] ?? null;
  const actual = { [fact]: value };

  if (op === 'exists') {
    const wantsValue = condition.value !== false;
    if ((value !== null) === wantsValue) {
      return { outcome: 'pass', actual, reasons: [] };
    }
    return {
      outcome: 'fail',
      actual,
      reasons: [
        wantsValue
          ? `${describeMissingFact(fact)} The rule requires it.`
          : `${fact} is ${formatFact(
              fact,
              value,
            )}; the rule wants it to have no value.`,
      ],
    };
  }
  if (value === null) {
    return { outcome: 'no-data', actual, reasons: [describeMissingFact(fact)] };
  }
  if (compare(op, value, condition.value)) {
    return { outcome: 'pass', actual, reasons: [] };
  }
  return {
    outcome: 'fail',
    actual,
    reasons: [
      `${fact} is ${formatFact(fact, value)}; the rule wants ${describeWanted(
        condition,
        Array.isArray(value),
      )}.`,
    ],
  };
}

function compare(
  op: FactCondition['op'],
  actual: Exclude<FactValue, null>,
  expected: ConditionValue | undefined,
): boolean {
  const expectedList: unknown[] = Array.isArray(expected) ? expected : [];
  const actualList: unknown[] = Array.isArray(actual) ? actual : [actual];
  switch (op) {
    case 'eq':
      return actualList.includes(expected);
    case 'ne':
      return !actualList.includes(expected);
    case 'in':
      return actualList.some(item => expectedList.includes(item));
    case 'notIn':
      return !actualList.some(item => expectedList.includes(item));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      // The configuration only allows these on number facts; anything else
      // reaching here is data of the wrong type, which cannot satisfy the rule.
      if (typeof actual !== 'number' || typeof expected !== 'number') {
        return false;
      }
      if (op === 'gt') return actual > expected;
      if (op === 'gte') return actual >= expected;
      if (op === 'lt') return actual < expected;
      return actual <= expected;
    default:
      return false;
  }
}
