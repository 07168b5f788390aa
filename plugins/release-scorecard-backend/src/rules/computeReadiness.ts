import {
  StoredPipelineGate,
  Readiness,
  ReadinessGate,
  RuleResult,
} from '@internal/plugin-release-scorecard-common';
import { CandidateRun } from './types';

/**
 * Whether the release candidate may ship.
 *
 * - `unknown` without a pipeline run.
 * - `blocked` when a required gate did not pass (failed, skipped or missing:
 *   `gate:<name>`), or an applicable blocking rule fails or has no data
 *   (`rule:<id>`): without data nobody has shown the rule holds. Exempt and
 *   not-applicable rules never block.
 * - `ready` otherwise.
 *
 * Gates are listed required ones first, in configured order, then the other
 * gates of the run in run order.
 */
export function computeReadiness(
  candidateRun: CandidateRun | undefined,
  requiredGates: string[],
  ruleResults: RuleResult[],
): Readiness {
  if (!candidateRun) {
    return { status: 'unknown', gates: [], blockers: [] };
  }
  // A gate reported twice (a re-run) counts as its last report.
  const gatesByName = new Map<string, StoredPipelineGate>();
  for (const gate of candidateRun.gates) {
    gatesByName.set(gate.gate, gate);
  }

  const gates: ReadinessGate[] = [
    ...requiredGates.map(name => {
      const gate = gatesByName.get(name);
      return gate
        ? toReadinessGate(gate, true)
        : { gate: name, status: 'missing' as const, required: true };
    }),
    ...[...gatesByName.values()]
      .filter(gate => !requiredGates.includes(gate.gate))
      .map(gate => toReadinessGate(gate, false)),
  ];

  const blockers = [
    ...gates
      .filter(gate => gate.required && gate.status !== 'passed')
      .map(gate => `gate:${gate.gate}`),
    ...ruleResults
      .filter(
        rule =>
          rule.severity === 'blocking' &&
          (rule.status === 'fail' || rule.status === 'no-data'),
      )
      .map(rule => `rule:${rule.id}`),
  ];

  return {
    status: blockers.length === 0 ? 'ready' : 'blocked',
    revision: candidateRun.revision,
    ...(candidateRun.version !== undefined
      ? { version: candidateRun.version }
      : {}),
    pipelineRunId: candidateRun.id,
    gates,
    blockers,
  };
}

function toReadinessGate(
  gate: StoredPipelineGate,
  required: boolean,
): ReadinessGate {
  return {
    gate: gate.gate,
    status: gate.status,
    required,
    ...(gate.metrics !== undefined ? { metrics: gate.metrics } : {}),
    ...(gate.url !== undefined ? { url: gate.url } : {}),
  };
}
