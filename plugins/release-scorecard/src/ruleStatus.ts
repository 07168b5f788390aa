import {
  RuleChangeDirection,
  ruleChangeDirection,
  RuleStatus,
  RuleStatusChange,
} from '@internal/plugin-release-scorecard-common';

export type ChangeDirection = RuleChangeDirection;

export function directionOf(
  change: Pick<RuleStatusChange, 'from' | 'to'>,
): ChangeDirection {
  return ruleChangeDirection(change.from, change.to);
}

/** `no data`, `not applicable`: statuses as words in a sentence. */
export function statusWords(status: RuleStatus): string {
  return status.replace('-', ' ');
}
