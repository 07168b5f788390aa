/* Rule conditions and applicability as sentences. */
import {
  ConditionValue,
  FactCondition,
  RuleAppliesTo,
  RuleCondition,
} from '@internal/plugin-release-scorecard-common';

const OPERATOR_WORDS: Record<FactCondition['op'], string> = {
  eq: '=',
  ne: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  in: 'is one of',
  notIn: 'is none of',
  exists: 'exists',
};

function formatConditionValue(value: ConditionValue | undefined): string {
  if (Array.isArray(value)) {
    return `[${value.join(', ')}]`;
  }
  return String(value);
}

export function isFactCondition(
  condition: RuleCondition,
): condition is FactCondition {
  return 'fact' in condition;
}

/** `gate.unit-tests.coverage ≥ 0.8`, `flags.stale has no value`. */
export function describeFactCondition(condition: FactCondition): string {
  if (condition.op === 'exists') {
    return condition.value === false
      ? `${condition.fact} has no value`
      : `${condition.fact} has a value`;
  }
  return `${condition.fact} ${
    OPERATOR_WORDS[condition.op]
  } ${formatConditionValue(condition.value)}`;
}

/**
 * The whole condition on one line; nested combinators in parentheses:
 * `deployment.gitops = true and deployment.strategy is one of [canary, blue-green]`.
 */
export function describeCondition(
  condition: RuleCondition,
  nested = false,
): string {
  if (isFactCondition(condition)) {
    return describeFactCondition(condition);
  }
  const wrap = (text: string) => (nested ? `(${text})` : text);
  if ('all' in condition) {
    return wrap(
      condition.all.map(child => describeCondition(child, true)).join(' and '),
    );
  }
  if ('any' in condition) {
    return wrap(
      condition.any.map(child => describeCondition(child, true)).join(' or '),
    );
  }
  return `not ${describeCondition(condition.not, true)}`;
}

const APPLIES_TO_WORDS: Array<[keyof RuleAppliesTo, string]> = [
  ['kind', 'kind'],
  ['type', 'type'],
  ['lifecycle', 'lifecycle'],
  ['owner', 'owner'],
  ['system', 'system'],
  ['tags', 'tag'],
];

/** `kind component, type service, lifecycle production`, or `every entity`. */
export function describeAppliesTo(
  appliesTo: RuleAppliesTo | undefined,
): string {
  const parts = APPLIES_TO_WORDS.flatMap(([field, word]) => {
    const values = appliesTo?.[field];
    return values && values.length > 0
      ? [`${word} ${values.join(' or ')}`]
      : [];
  });
  return parts.length > 0 ? parts.join(', ') : 'every entity';
}
