/* What blocks a release candidate, in words. */
import { EntityScorecard } from '@internal/plugin-release-scorecard-common';
import { describeGateOutcome } from './gates';

export interface Blocker {
  kind: 'gate' | 'rule';
  /** Gate name or rule id. */
  id: string;
  /** `Load test failed`, `Security test missing`, or the rule's title. */
  text: string;
}

/** Reads `gate:<name>` and `rule:<id>` blockers against the scorecard they came from. */
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
    return { kind: 'rule', id, text: rule?.title ?? id };
  });
}
