import { RuleCondition } from '@internal/plugin-release-scorecard-common';

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
