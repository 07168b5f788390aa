import { RuleStatus } from '@internal/plugin-release-scorecard-common';

/** What is stored of a rule's previous result for "failing since". */
export interface PreviousResult {
  status: RuleStatus;
  /** Epoch ms, for a failing result. */
  failingSince?: number;
  firstEvaluation?: boolean;
}

/**
 * When a result with `status`, evaluated at `evaluatedAt`, started failing:
 * a failure that goes on keeps its start; a rule that turns to `fail` from
 * any other status starts failing now; a rule that fails the first time it
 * is evaluated starts then, marked as the first evaluation (it may have
 * failed long before anyone looked). Undefined when it does not fail.
 */
export function failingSinceOf(
  previous: PreviousResult | undefined,
  status: RuleStatus,
  evaluatedAt: number,
): { at: number; firstEvaluation: boolean } | undefined {
  if (status !== 'fail') {
    return undefined;
  }
  if (previous?.status === 'fail' && previous.failingSince !== undefined) {
    return {
      at: previous.failingSince,
      firstEvaluation: previous.firstEvaluation ?? false,
    };
  }
  return { at: evaluatedAt, firstEvaluation: previous === undefined };
}
