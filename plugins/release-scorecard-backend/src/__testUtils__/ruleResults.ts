import {
  RuleResult,
  RuleStatus,
} from '@internal/plugin-release-scorecard-common';
import { EntityEvaluation } from '../database/ScorecardResultStore';

export const RULE_STATUSES_IN_ORDER: RuleStatus[] = [
  'pass',
  'fail',
  'exempt',
  'no-data',
  'not-applicable',
];

/** A warning-level rule's result with `status` and nothing else of note. */
export function testRuleResult(id: string, status: RuleStatus): RuleResult {
  return {
    id,
    title: id,
    severity: 'warning',
    level: 'bronze',
    weight: 1,
    status,
    facts: [],
    actual: null,
    expected: '',
    message: '',
    exemption: null,
  };
}

/** An evaluation of `entityRef` at `at` that found each rule's status. */
export function testEvaluation(
  entityRef: string,
  at: number,
  statuses: Record<string, RuleStatus>,
): EntityEvaluation {
  return {
    entityRef,
    evaluatedAt: at,
    score: null,
    level: null,
    readiness: { status: 'unknown', gates: [], blockers: [] },
    rules: Object.entries(statuses).map(([id, status]) =>
      testRuleResult(id, status),
    ),
    facts: {},
    configDigest: 'digest',
  };
}
