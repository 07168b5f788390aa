/* What blocks a release candidate, in words. */
import {
  EntityScorecard,
  RuleStatus,
} from '@internal/plugin-release-scorecard-common';
import { describeGateOutcome } from './gates';

export interface Blocker {
  /** A required gate that did not pass, or a blocking rule that is not met. */
  kind: 'gate' | 'rule';
  /** Gate name or rule id. */
  id: string;
  /** `Load test failed`, `Security test missing`, or the rule's title. */
  text: string;
  /** For a rule: why it blocks (`fails`, `has no data`). */
  reason?: string;
}

const RULE_BLOCKS_BECAUSE: Partial<Record<RuleStatus, string>> = {
  fail: 'fails',
  'no-data': 'has no data',
};

/**
 * Reads `gate:<name>` and `rule:<id>` blockers against the scorecard they
 * came from. The backend only names required gates and blocking rules.
 */
export function describeBlockers(scorecard: EntityScorecard): Blocker[] {
  return scorecard.readiness.blockers.map(blocker => {
    const separator = blocker.indexOf(':');
    const kind = blocker.slice(0, separator);
    const id = blocker.slice(separator + 1);
    if (kind === 'gate') {
      const gate = scorecard.readiness.gates.find(item => item.gate === id);
      return { kind: 'gate', id, text: describeGateOutcome(id, gate?.status) };
    }
    const rule = scorecard.rules.find(item => item.id === id);
    const reason = rule && RULE_BLOCKS_BECAUSE[rule.status];
    return {
      kind: 'rule',
      id,
      text: rule?.title ?? id,
      ...(reason && { reason }),
    };
  });
}

/**
 * The headline of a blocked candidate, naming what kind of thing blocks it:
 * `Blocked by a required gate: Load test failed`, `Blocked by a blocking
 * rule: No open sev1 incident (fails)`, `Blocked by 3 problems`.
 */
export function blockedHeadline(blockers: Blocker[]): string {
  if (blockers.length === 0) {
    return 'Blocked';
  }
  if (blockers.length > 1) {
    return `Blocked by ${blockers.length} problems`;
  }
  return `Blocked by ${describeBlocker(blockers[0])}`;
}

/** `a required gate: Load test failed`, `a blocking rule: X (fails)`. */
export function describeBlocker(blocker: Blocker): string {
  return blocker.kind === 'gate'
    ? `a required gate: ${blocker.text}`
    : `a blocking rule: ${blocker.text}${
        blocker.reason ? ` (${blocker.reason})` : ''
      }`;
}
