/* What a scorecard level needs, as docs/scoring.md defines it. */
import {
  meetsRule,
  RuleResult,
} from '@internal/plugin-release-scorecard-common';

/** Said next to a level wherever it is shown. */
export const LEVEL_EXPLANATION =
  'A level is reached when every rule of that level and of the levels below it passes or is exempt. A rule without data does not count as passing.';

/** Said next to a score wherever it is shown. */
export const SCORE_EXPLANATION =
  'Score = 100 × the weight of the rules that pass or are exempt ÷ the weight of every rule that applies. A rule without data counts as not met.';

/** The level above `level` (the lowest level when none is reached), if any. */
export function nextLevel(
  levels: string[],
  level: string | null,
): string | undefined {
  if (level === null) {
    return levels[0];
  }
  const index = levels.indexOf(level);
  return index === -1 ? undefined : levels[index + 1];
}

/**
 * The rules that keep an entity from `target`: those that apply at `target`
 * or a level below and neither pass nor are exempt. A rule of a level that is
 * not configured counts as the lowest level, as the backend counts it.
 */
export function rulesMissingLevel(
  rules: RuleResult[],
  levels: string[],
  target: string,
): RuleResult[] {
  const targetIndex = levels.indexOf(target);
  return rules.filter(
    rule =>
      rule.status !== 'not-applicable' &&
      !meetsRule(rule.status) &&
      Math.max(levels.indexOf(rule.level), 0) <= targetIndex,
  );
}
