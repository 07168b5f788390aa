/*
 * WELL_KNOWN_GATES decides which metrics a rule may name for a well-known
 * gate. These tests keep it in step with what is actually reported: a metric
 * that a built-in source, the demo data or the benchmark sends, but that the
 * list lacks, would be refused at startup; a metric in the list that nothing
 * sends would pass startup and be `no-data` forever.
 */
import {
  isWellKnownGate,
  WELL_KNOWN_GATES,
} from '@internal/plugin-release-scorecard-common';
import {
  benchmarkGates,
  demoGates,
  GateOutput,
  webhookSourceGates,
} from '../__testUtils__/reportedGates';

/** Metric names per gate: `{ 'unit-tests': ['coverage', …] }`. */
function metricsByGate(gates: GateOutput[]): Map<string, Set<string>> {
  const byGate = new Map<string, Set<string>>();
  for (const { gate, metrics } of gates) {
    const names = byGate.get(gate) ?? new Set<string>();
    Object.keys(metrics ?? {}).forEach(name => names.add(name));
    byGate.set(gate, names);
  }
  return byGate;
}

/** Metrics reported for a well-known gate that WELL_KNOWN_GATES lacks, as gate facts. */
function unlistedMetrics(gates: GateOutput[]): string[] {
  return [...metricsByGate(gates)].flatMap(([gate, metrics]) => {
    if (!isWellKnownGate(gate)) {
      return [];
    }
    const known: readonly string[] = WELL_KNOWN_GATES[gate];
    return [...metrics]
      .filter(metric => !known.includes(metric))
      .map(metric => `gate.${gate}.${metric}`);
  });
}

describe('WELL_KNOWN_GATES', () => {
  it('lists every metric the built-in webhook sources report for a well-known gate', () => {
    const gates = webhookSourceGates();
    // The sources that report metrics did report them, so the check below
    // has something to check.
    expect([...metricsByGate(gates).keys()]).toEqual(
      expect.arrayContaining([
        'unit-tests',
        'functional-tests',
        'static-analysis',
        'container-scan',
        'security-test',
      ]),
    );
    expect(unlistedMetrics(gates)).toEqual([]);
  });

  it('lists every metric the demo data reports', () => {
    expect(unlistedMetrics(demoGates())).toEqual([]);
  });

  it('lists every metric the benchmark reports', () => {
    expect(unlistedMetrics(benchmarkGates())).toEqual([]);
  });

  it('lists only metrics that something reports', () => {
    const reported = metricsByGate([
      ...webhookSourceGates(),
      ...demoGates(),
      ...benchmarkGates(),
    ]);
    const neverReported = Object.entries(WELL_KNOWN_GATES).flatMap(
      ([gate, metrics]) =>
        metrics
          .filter(metric => !reported.get(gate)?.has(metric))
          .map(metric => `gate.${gate}.${metric}`),
    );
    expect(neverReported).toEqual([]);
  });
});
