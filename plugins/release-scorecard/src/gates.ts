/* How quality gates and their metrics read in the UI. */
import {
  GateMetrics,
  ReadinessGate,
} from '@internal/plugin-release-scorecard-common';
import { formatPercent } from './format';

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

const RATINGS = ['A', 'B', 'C', 'D', 'E'];

/** SonarQube's 1..5 rating as its letter. */
export function ratingLetter(rating: number): string {
  return RATINGS[Math.round(rating) - 1] ?? String(rating);
}

function count(value: number, singular: string, plural = `${singular}s`) {
  return `${value} ${value === 1 ? singular : plural}`;
}

function findingsSummary(metrics: GateMetrics): string | undefined {
  if (metrics.critical === undefined && metrics.high === undefined) {
    return undefined;
  }
  return `${metrics.critical ?? 0} critical, ${metrics.high ?? 0} high`;
}

function testsSummary(metrics: GateMetrics): string | undefined {
  if (metrics.testsFailed !== undefined && metrics.testsFailed > 0) {
    return `${count(metrics.testsFailed, 'test')} failed`;
  }
  if (metrics.testsTotal !== undefined) {
    return `${count(metrics.testsTotal, 'test')} passed`;
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
        ? `coverage ${formatPercent(metrics.coverage)}`
        : undefined;
    const failed =
      metrics.testsFailed !== undefined && metrics.testsFailed > 0
        ? `${count(metrics.testsFailed, 'test')} failed`
        : undefined;
    return [failed, coverage].filter(Boolean).join(', ') || undefined;
  },
  'static-analysis': metrics => {
    const parts = [];
    if (metrics.reliabilityRating !== undefined) {
      parts.push(`reliability ${ratingLetter(metrics.reliabilityRating)}`);
    }
    if (metrics.vulnerabilities !== undefined) {
      parts.push(
        count(metrics.vulnerabilities, 'vulnerability', 'vulnerabilities'),
      );
    }
    return parts.join(', ') || undefined;
  },
  'container-scan': findingsSummary,
  'security-test': findingsSummary,
  'functional-tests': testsSummary,
  'load-test': metrics => {
    const parts = [];
    if (metrics.p95LatencyMs !== undefined) {
      parts.push(`p95 ${Math.round(metrics.p95LatencyMs)} ms`);
    }
    if (metrics.errorRate !== undefined) {
      parts.push(`errors ${formatPercent(metrics.errorRate, 1)}`);
    }
    return parts.join(', ') || undefined;
  },
};

/**
 * The one or two figures that say most about a gate, e.g. `coverage 85%` or
 * `p95 812 ms, errors 3.1%`. Unknown gates show their first two metrics.
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
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
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

/** `Load test failed`, `Unit tests has no verdict`, `Security test missing`. */
export function describeGateOutcome(
  gate: string,
  status: ReadinessGate['status'] | undefined,
): string {
  const outcome: Record<ReadinessGate['status'], string> = {
    passed: 'passed',
    failed: 'failed',
    skipped: 'skipped',
    'no-verdict': 'has no verdict',
    missing: 'missing',
  };
  return `${gateLabel(gate)} ${outcome[status ?? 'missing']}`;
}
