import {
  RuleStatus,
  RuleStatusChange,
} from '@internal/plugin-release-scorecard-common';

/** How bad a status is; the backend ranks "got worse" and "got better" the same way. */
const STATUS_RANK: Record<RuleStatus, number> = {
  pass: 0,
  exempt: 0,
  'not-applicable': 0,
  'no-data': 1,
  fail: 2,
};

export type ChangeDirection = 'worse' | 'better' | 'same';

export function directionOf(
  change: Pick<RuleStatusChange, 'from' | 'to'>,
): ChangeDirection {
  if (change.from === null) {
    return 'same';
  }
  const delta = STATUS_RANK[change.to] - STATUS_RANK[change.from];
  if (delta > 0) {
    return 'worse';
  }
  return delta < 0 ? 'better' : 'same';
}

/** `no data`, `not applicable`: statuses as words in a sentence. */
export function statusWords(status: RuleStatus): string {
  return status.replace('-', ' ');
}
