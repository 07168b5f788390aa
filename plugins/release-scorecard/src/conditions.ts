/*
 * Which entities a rule applies to, as a sentence. A condition in words and
 * units (`at least 80%`) comes from the common package's describeCondition.
 */
import { RuleAppliesTo } from '@internal/plugin-release-scorecard-common';

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
