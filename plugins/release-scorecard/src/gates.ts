/* How quality gates, their metrics and the rules about them read in the UI. */
import {
  formatFact,
  GateMetrics,
  ReadinessGate,
  RuleResult,
} from '@internal/plugin-release-scorecard-common';
import { countOf } from './format';

const GATE_LABELS: Record<string, string> = {
  'unit-tests': 'Unit tests',
  'static-analysis': 'Static analysis',
  'container-scan': 'Container scan',
  'functional-tests': 'Functional tests',
  'load-test': 'Load test',
  'security-test': 'Security test',
};

/** `Load test` for `load-test`; other gates by their name, first letter up. */
export function gateLabel(gate: string): string {
  return (
    GATE_LABELS[gate] ??
    gate.replace(/[-_]+/g, ' ').replace(/^./, letter => letter.toUpperCase())
  );
}

/** A metric of a gate in its unit, as rules and tiles show it: `84.6%`, `B`, `812 ms`. */
function metricValue(gate: string, metric: string, value: number): string {
  return formatFact(`gate.${gate}.${metric}`, value);
}

function findingsSummary(metrics: GateMetrics): string | undefined {
  if (metrics.critical === undefined && metrics.high === undefined) {
    return undefined;
  }
  return `${metrics.critical ?? 0} critical, ${metrics.high ?? 0} high`;
}

function testsSummary(metrics: GateMetrics): string | undefined {
  if (metrics.testsFailed !== undefined && metrics.testsFailed > 0) {
    return `${countOf(metrics.testsFailed, 'test')} failed`;
  }
  if (metrics.testsTotal !== undefined) {
    return `${countOf(metrics.testsTotal, 'test')} passed`;
  }
  return undefined;
}

const KEY_METRICS: Record<
  string,
  (metrics: GateMetrics) => string | undefined
> = {
  'unit-tests': metrics => {
    const coverage =
      metrics.coverage !== undefined
        ? `coverage ${metricValue('unit-tests', 'coverage', metrics.coverage)}`
        : undefined;
    const failed =
      metrics.testsFailed !== undefined && metrics.testsFailed > 0
        ? `${countOf(metrics.testsFailed, 'test')} failed`
        : undefined;
    return [failed, coverage].filter(Boolean).join(', ') || undefined;
  },
  'static-analysis': metrics => {
    const parts = [];
    if (metrics.reliabilityRating !== undefined) {
      parts.push(
        `reliability ${metricValue(
          'static-analysis',
          'reliabilityRating',
          metrics.reliabilityRating,
        )}`,
      );
    }
    if (metrics.vulnerabilities !== undefined) {
      parts.push(
        countOf(metrics.vulnerabilities, 'vulnerability', 'vulnerabilities'),
      );
    }
    return parts.join(', ') || undefined;
  },
  'container-scan': findingsSummary,
  'security-test': findingsSummary,
  'functional-tests': testsSummary,
  'load-test': metrics => {
    const parts = [];
    if (metrics.p95Ms !== undefined) {
      parts.push(`p95 ${metricValue('load-test', 'p95Ms', metrics.p95Ms)}`);
    }
    if (metrics.errorRate !== undefined) {
      parts.push(
        `errors ${metricValue('load-test', 'errorRate', metrics.errorRate)}`,
      );
    }
    return parts.join(', ') || undefined;
  },
};

/**
 * The one or two figures that say most about a gate, in the units rules use,
 * e.g. `coverage 84.6%` or `p95 812 ms, errors 3.1%`. Unknown gates show
 * their first two metrics.
 */
export function describeGateMetrics(
  gate: string,
  metrics: GateMetrics | undefined,
): string | undefined {
  if (!metrics || Object.keys(metrics).length === 0) {
    return undefined;
  }
  const known = KEY_METRICS[gate]?.(metrics);
  if (known) {
    return known;
  }
  return Object.entries(metrics)
    .slice(0, 2)
    .map(([name, value]) => `${name} ${metricValue(gate, name, value)}`)
    .join(', ');
}

/**
 * The rules about a gate: those that test one of its facts
 * (`gate.<gate>.status`, `gate.<gate>.coverage`…). Rules that do not apply
 * to the entity are left out.
 */
export function rulesAboutGate(
  gate: string,
  rules: RuleResult[],
): RuleResult[] {
  const prefix = `gate.${gate}.`;
  return rules.filter(
    rule =>
      rule.status !== 'not-applicable' &&
      (rule.facts ?? []).some(fact => fact.startsWith(prefix)),
  );
}

/** Required gates first, in the configured order, then the others by name. */
export function sortGates<T extends { gate: string }>(
  gates: T[],
  requiredGates: string[],
): T[] {
  const rank = (gate: string) => {
    const index = requiredGates.indexOf(gate);
    return index === -1 ? requiredGates.length : index;
  };
  return [...gates].sort(
    (a, b) => rank(a.gate) - rank(b.gate) || a.gate.localeCompare(b.gate),
  );
}

const GATE_OUTCOMES: Record<ReadinessGate['status'], string> = {
  passed: 'passed',
  failed: 'failed',
  skipped: 'skipped',
  'no-verdict': 'has no verdict',
  missing: 'missing',
};

/** `Load test failed`, `Unit tests has no verdict`, `Security test missing`. */
export function describeGateOutcome(
  gate: string,
  status: ReadinessGate['status'] | undefined,
): string {
  return `${gateLabel(gate)} ${GATE_OUTCOMES[status ?? 'missing']}`;
}
