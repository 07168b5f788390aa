import {
  editDistance,
  FACT_PATTERNS,
  findFactDefinition,
  findMisspeltWellKnownGate,
  isGateName,
} from './facts';
import { WELL_KNOWN_GATES } from './records';

describe('findFactDefinition', () => {
  it('knows fixed facts', () => {
    expect(findFactDefinition('deployment.gitops')?.type).toBe('boolean');
    expect(findFactDefinition('dora.tier')?.type).toBe('string');
  });

  it('knows gate facts for well-known and custom gates', () => {
    expect(findFactDefinition('gate.unit-tests.coverage')?.name).toBe(
      'gate.<gate>.<metric>',
    );
    expect(findFactDefinition('gate.unit-tests.status')?.name).toBe(
      'gate.<gate>.status',
    );
    expect(findFactDefinition('gate.mutation-tests.score')?.type).toBe(
      'number',
    );
    expect(findFactDefinition('gate.e2e_smoke.p99LatencyMs')?.type).toBe(
      'number',
    );
    expect(findFactDefinition('gate.e2e.status')?.type).toBe('string');
  });

  it('knows every metric of every well-known gate, and their status', () => {
    for (const [gate, metrics] of Object.entries(WELL_KNOWN_GATES)) {
      expect(findFactDefinition(`gate.${gate}.status`)?.type).toBe('string');
      for (const metric of metrics) {
        expect(findFactDefinition(`gate.${gate}.${metric}`)?.type).toBe(
          'number',
        );
      }
    }
  });

  it('lists the well-known gate facts as examples', () => {
    expect(FACT_PATTERNS[1].examples).toContain(
      'gate.functional-tests.coverage',
    );
    expect(FACT_PATTERNS[1].examples).toContain('gate.load-test.p95Ms');
  });

  it('knows incidents by severity and annotations', () => {
    expect(findFactDefinition('incidents.open.sev1')?.type).toBe('number');
    expect(findFactDefinition('entity.annotations.argocd/app-name')?.type).toBe(
      'string',
    );
  });

  it('refuses misspelt facts', () => {
    expect(findFactDefinition('deployment.gitop')).toBeUndefined();
    expect(findFactDefinition('incidents.open.sev5')).toBeUndefined();
    expect(findFactDefinition('gate.unit-tests')).toBeUndefined();
    expect(findFactDefinition('dora.leadtime')).toBeUndefined();
  });

  it.each([
    // A well-known gate misspelt: no built-in source reports it.
    'gate.unit-test.coverage',
    'gate.unit_tests.coverage',
    'gate.unit-tests-.status',
    'gate.load-tests.status',
    'gate.static-analyses.bugs',
    // A metric that the well-known gate does not have, or in another case.
    'gate.unit-tests.coverge',
    'gate.unit-tests.Coverage',
    'gate.unit-tests.branchCoverage',
    'gate.container-scan.Critical',
    'gate.load-test.p95ms',
    // The names before the JMeter module's.
    'gate.load-test.p95LatencyMs',
    'gate.load-test.throughputRps',
    'gate.unit-tests.Status',
    // Gate names are lower case, as the push API takes them.
    'gate.E2E.status',
    'gate.Unit-Tests.coverage',
    // Fixed facts are case-sensitive.
    'Deployment.gitops',
    'incidents.open.SEV1',
  ])('refuses %s', fact => {
    expect(findFactDefinition(fact)).toBeUndefined();
  });
});

describe('findMisspeltWellKnownGate', () => {
  it.each([
    ['unit-test', 'unit-tests'],
    ['unit_tests', 'unit-tests'],
    ['Unit-Tests', 'unit-tests'],
    ['unittests', 'unit-tests'],
    ['unit-tetss', 'unit-tests'],
    ['static-analyses', 'static-analysis'],
    ['static_analysis', 'static-analysis'],
    ['container-scans', 'container-scan'],
    ['CONTAINER_SCAN', 'container-scan'],
    ['functional-test', 'functional-tests'],
    ['load-tests', 'load-test'],
    ['load_testing', undefined],
    ['security-tests', 'security-test'],
    ['securitytest', 'security-test'],
  ])('takes %s for %s', (gate, wellKnown) => {
    expect(findMisspeltWellKnownGate(gate)).toBe(wellKnown);
  });

  it.each([
    'unit-tests',
    'load-test',
    'e2e',
    'e2e-tests',
    'ui-tests',
    'api-tests',
    'int-tests',
    'integration-tests',
    'smoke-tests',
    'soak-test',
    'stress-test',
    'perf-test',
    'contract-tests',
    'mutation-tests',
    'container-sign',
    'security-scan',
    'secret-scan',
    'license-scan',
    'dependency-scan',
    'build',
    'lint',
    'test',
    'dast',
    'sast',
  ])('leaves %s alone', gate => {
    expect(findMisspeltWellKnownGate(gate)).toBeUndefined();
  });
});

describe('isGateName', () => {
  it('takes what the push API takes', () => {
    expect(isGateName('unit-tests')).toBe(true);
    expect(isGateName('e2e_smoke')).toBe(true);
    expect(isGateName('E2E')).toBe(false);
    expect(isGateName('-e2e')).toBe(false);
    expect(isGateName('e2e smoke')).toBe(false);
    expect(isGateName('')).toBe(false);
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['coverage', 'coverage', 0],
    ['coverge', 'coverage', 1],
    ['coveragex', 'coverage', 1],
    ['coverafe', 'coverage', 1],
    ['covreage', 'coverage', 1],
    ['unit-test', 'unit-tests', 1],
    ['ui-tests', 'unit-tests', 2],
    ['soak-test', 'load-test', 2],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('from %j to %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});
