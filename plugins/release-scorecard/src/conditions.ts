/*
 * Rule conditions and applicability as sentences. A condition in words and
 * units (`at least 80%`) comes from the common package's describeCondition.
 */
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
