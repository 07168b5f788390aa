import {
  describeGateMetrics,
  gateLabel,
  rulesAboutGate,
  sortGates,
} from './gates';
import { ruleResult } from './__testUtils__/fixtures';

describe('describeGateMetrics', () => {
  it.each([
    [
      'unit-tests',
      { coverage: 0.846, testsTotal: 10, testsFailed: 0 },
      'coverage 84.6%',
    ],
    [
      'unit-tests',
      { coverage: 0.5, testsFailed: 3 },
      '3 tests failed, coverage 50%',
    ],
    [
      'static-analysis',
      { reliabilityRating: 2, vulnerabilities: 1 },
      'reliability B, 1 vulnerability',
    ],
    ['container-scan', { critical: 2, high: 5, low: 9 }, '2 critical, 5 high'],
    ['security-test', { critical: 0, high: 0 }, '0 critical, 0 high'],
    [
      'functional-tests',
      { testsTotal: 124, testsFailed: 0 },
      '124 tests passed',
    ],
    ['functional-tests', { testsTotal: 124, testsFailed: 1 }, '1 test failed'],
    [
      'load-test',
      { p95Ms: 812.4, errorRate: 0.031 },
      'p95 812 ms, errors 3.1%',
    ],
    [
      'mutation-tests',
      { score: 0.7, killed: 12, survived: 3 },
      'score 0.7, killed 12',
    ],
    [
      'code-quality',
      { maintainabilityRating: 3, p99Ms: 1234.5 },
      'maintainabilityRating C, p99Ms 1235 ms',
    ],
  ])('%s %j reads %p', (gate, metrics, text) => {
    expect(describeGateMetrics(gate, metrics)).toBe(text);
  });

  it('says nothing without metrics', () => {
    expect(describeGateMetrics('load-test', undefined)).toBeUndefined();
    expect(describeGateMetrics('load-test', {})).toBeUndefined();
  });
});

describe('gate names', () => {
  it('labels well-known and other gates', () => {
    expect(gateLabel('load-test')).toBe('Load test');
    expect(gateLabel('dependency_audit')).toBe('Dependency audit');
  });
});

describe('rulesAboutGate', () => {
  it('finds the rules that test a fact of the gate, and only of that gate', () => {
    const rules = [
      ruleResult({ id: 'coverage', facts: ['gate.unit-tests.coverage'] }),
      ruleResult({
        id: 'no-critical',
        facts: [
          'gate.container-scan.critical',
          'gate.unit-tests-extra.critical',
        ],
      }),
      ruleResult({
        id: 'elsewhere',
        status: 'not-applicable',
        facts: ['gate.unit-tests.status'],
      }),
      ruleResult({ id: 'dora', facts: ['dora.changeFailureRate'] }),
    ];
    expect(rulesAboutGate('unit-tests', rules).map(rule => rule.id)).toEqual([
      'coverage',
    ]);
    expect(
      rulesAboutGate('container-scan', rules).map(rule => rule.id),
    ).toEqual(['no-critical']);
    expect(rulesAboutGate('load-test', rules)).toEqual([]);
  });
});

describe('sortGates', () => {
  it('puts required gates first in their configured order', () => {
    const gates = ['lint', 'unit-tests', 'load-test', 'audit'].map(gate => ({
      gate,
    }));
    expect(
      sortGates(gates, ['load-test', 'unit-tests']).map(({ gate }) => gate),
    ).toEqual(['load-test', 'unit-tests', 'audit', 'lint']);
  });
});
