import { isWellKnownGate } from '@internal/plugin-release-scorecard-common';
import { listConditionFacts } from '@internal/plugin-release-scorecard-common';
import { ScorecardConfig } from './types';

/**
 * A startup message naming the gates of one's own that the rules and the
 * readiness expect, with the facts or setting that name them, or undefined
 * when they name well-known gates only. Such gates stay `no-data` until
 * something reports them under exactly that name, which no built-in source
 * does on its own.
 */
export function describeCustomGates(
  config: ScorecardConfig,
): string | undefined {
  const usesByGate = new Map<string, string[]>();
  const addUse = (gate: string, use: string) => {
    if (!isWellKnownGate(gate)) {
      usesByGate.set(gate, [...(usesByGate.get(gate) ?? []), use]);
    }
  };
  for (const rule of config.rules) {
    for (const fact of listConditionFacts(rule.check)) {
      const gate = /^gate\.([^.]+)\./.exec(fact)?.[1];
      if (gate !== undefined) {
        addUse(gate, `${fact} in rule ${rule.id}`);
      }
    }
  }
  for (const gate of config.requiredGates) {
    addUse(gate, 'readiness.requiredGates');
  }
  if (usesByGate.size === 0) {
    return undefined;
  }
  const gates = [...usesByGate].map(
    ([gate, uses]) => `${gate} (${[...new Set(uses)].join(', ')})`,
  );
  return `Rules expect gates that are not well-known, so no built-in source reports them unless told to: ${gates.join(
    '; ',
  )}. Send them with the push API (POST /api/release-scorecard/ingest/pipelines), or give a GitHub workflow, a GitLab job or a report upload (?gate=) that name.`;
}
