import { StoredPipelineRun } from '@internal/plugin-release-scorecard-common';
import { describeGateOutcome } from './gates';

export interface RunGateVerdict {
  status: 'ready' | 'blocked';
  /** `Load test failed`, `Security test missing`. */
  problems: string[];
}

/**
 * Whether every required gate of a pipeline run passed. For the release
 * candidate the backend's readiness also weighs blocking rules; for older
 * runs the gates are what is known.
 */
export function gateVerdictOfRun(
  run: Pick<StoredPipelineRun, 'gates'>,
  requiredGates: string[],
): RunGateVerdict {
  const problems = requiredGates.flatMap(required => {
    const gate = run.gates.find(item => item.gate === required);
    return gate?.status === 'passed'
      ? []
      : [describeGateOutcome(required, gate?.status)];
  });
  return { status: problems.length > 0 ? 'blocked' : 'ready', problems };
}
