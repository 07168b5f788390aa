/* Responses shaped like the backend's, taken from the demo portal. */
import { Entity } from '@backstage/catalog-model';
import {
  ComplianceResponse,
  DoraDetails,
  DoraMetrics,
  DoraTrend,
  EntityScorecard,
  FactsResponse,
  RuleResult,
  RulesResponse,
  StoredDeployment,
  StoredIncident,
  StoredPipelineRun,
} from '@internal/plugin-release-scorecard-common';

export function serviceEntity(
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

export const ruleResult = (overrides: Partial<RuleResult>): RuleResult => ({
  id: 'unit-test-coverage',
  title: 'Unit test coverage of the release candidate is at least 80 %',
  severity: 'warning',
  level: 'silver',
  weight: 2,
  status: 'pass',
  facts: ['gate.unit-tests.coverage'],
  actual: 0.846,
  expected: 'at least 80%',
  message: 'Passes: gate.unit-tests.coverage is 84.6%.',
  exemption: null,
  ...overrides,
});

export const blockedScorecard: EntityScorecard = {
  entityRef: 'component:default/checkout-service',
  evaluatedAt: '2026-11-22T05:02:22.314Z',
  score: 90.5,
  level: 'bronze',
  readiness: {
    status: 'blocked',
    revision: 'a6821b3995f6545b74ad3e0dd862147d6307fe7e',
    version: '3.4.0',
    pipelineRunId: 'checkout-candidate',
    gates: [
      {
        gate: 'unit-tests',
        status: 'passed',
        required: true,
        metrics: { coverage: 0.846, testsTotal: 1471, testsFailed: 0 },
      },
      {
        gate: 'container-scan',
        status: 'passed',
        required: true,
        metrics: { critical: 0, high: 1, medium: 3, low: 12 },
      },
      {
        gate: 'load-test',
        status: 'failed',
        required: true,
        metrics: { p95Ms: 812, errorRate: 0.031, throughputPerSecond: 998 },
        url: 'https://ci.example/gates/load-test',
      },
    ],
    blockers: ['gate:load-test'],
  },
  rules: [
    ruleResult({}),
    ruleResult({
      id: 'load-test-passes',
      title: 'The load test of the release candidate passes',
      status: 'fail',
      facts: ['gate.load-test.status'],
      actual: 'failed',
      expected: 'passed',
      message: 'gate.load-test.status is failed; the rule wants passed.',
      failingSince: { at: '2026-11-20T08:00:00.000Z', firstEvaluation: false },
    }),
    ruleResult({
      id: 'gitops-progressive-delivery',
      title: 'Deploys through GitOps with a canary or blue/green strategy',
      severity: 'blocking',
      status: 'exempt',
      facts: ['deployment.gitops', 'deployment.strategy'],
      actual: { 'deployment.gitops': false, 'deployment.strategy': 'rolling' },
      expected:
        'deployment.gitops is true and deployment.strategy is canary or blue-green',
      message: 'Fails, but exempt until 2027-03-31.',
      exemption: {
        reason: 'Moving to Argo CD in Q1',
        expires: '2027-03-31',
      },
    }),
  ],
  ruleCoverage: { withData: 3, applicable: 3 },
};

export const readyScorecard: EntityScorecard = {
  ...blockedScorecard,
  entityRef: 'component:default/payments-api',
  score: 100,
  level: 'gold',
  readiness: {
    ...blockedScorecard.readiness,
    status: 'ready',
    gates: blockedScorecard.readiness.gates.map(gate => ({
      ...gate,
      status: 'passed',
    })),
    blockers: [],
  },
};

export const unknownScorecard: EntityScorecard = {
  entityRef: 'component:default/search-indexer',
  evaluatedAt: null,
  score: null,
  level: null,
  readiness: { status: 'unknown', gates: [], blockers: [] },
  rules: [],
  ruleCoverage: { withData: 0, applicable: 0 },
};

/**
 * search-indexer as the demo shows it: evaluated, but nothing sent; one rule
 * passes (no stale flags), six have no data, so the score is low and there
 * is no level.
 */
export const noDataScorecard: EntityScorecard = {
  entityRef: 'component:default/search-indexer',
  evaluatedAt: '2026-11-22T05:02:22.314Z',
  score: 9.1,
  level: null,
  readiness: { status: 'unknown', gates: [], blockers: [] },
  rules: [
    ruleResult({
      id: 'few-stale-flags',
      title: 'At most 3 stale feature flags',
      level: 'bronze',
      facts: ['flags.stale'],
      actual: { 'flags.stale': null },
      expected: 'flags.stale is at most 3, or flags.stale is no value',
      message: 'Passes: flags.stale has no data.',
    }),
    ...[
      'unit-test-coverage',
      'load-test-passes',
      'change-failure-rate',
      'recovery-time',
      'deployed-recently',
      'gitops-progressive-delivery',
    ].map(id =>
      ruleResult({
        id,
        title: `Rule ${id}`,
        level: 'bronze',
        status: 'no-data',
        actual: null,
        message: `No data: nothing reported for ${id}.`,
      }),
    ),
  ],
  ruleCoverage: { withData: 1, applicable: 7 },
};

export const eliteDora: DoraMetrics = {
  entityRef: 'component:default/payments-api',
  entityCount: 1,
  windowDays: 90,
  from: '2026-08-24T05:03:11.453Z',
  to: '2026-11-22T05:03:11.453Z',
  profile: '2023',
  deploymentFrequency: { deployments: 157, perWeek: 12.21, tier: 'elite' },
  leadTime: {
    medianSeconds: 14261,
    p90Seconds: 45851,
    samples: 387,
    tier: 'elite',
  },
  changeFailureRate: { failed: 7, total: 163, rate: 0.0429, tier: 'elite' },
  recoveryTime: { medianSeconds: 6400, samples: 1, tier: 'high' },
  overallTier: 'high',
};

/** No production deployment in the window: no tier at all (as the backend answers). */
export const emptyDora: DoraMetrics = {
  ...eliteDora,
  deploymentFrequency: { deployments: 0, perWeek: 0, tier: null },
  leadTime: { medianSeconds: null, p90Seconds: null, samples: 0, tier: null },
  changeFailureRate: { failed: 0, total: 0, rate: null, tier: null },
  recoveryTime: { medianSeconds: null, samples: 0, tier: null },
  overallTier: null,
};

const provenance = {
  source: 'demo',
  receivedAt: '2026-11-22T05:02:21.194Z',
  updatedAt: '2026-11-22T05:02:21.194Z',
};

export const deployment = (
  overrides: Partial<StoredDeployment>,
): StoredDeployment => ({
  id: 'payments-api-2026-11-20-3',
  entityRef: 'component:default/payments-api',
  environment: 'production',
  revision: 'a077ef6e862133a84fed0b0c229d626e0cf3a371',
  version: '2.92.172',
  strategy: 'canary',
  gitops: true,
  status: 'succeeded',
  startedAt: '2026-11-20T15:34:07.811Z',
  finishedAt: '2026-11-20T15:59:57.341Z',
  commits: [
    {
      sha: '8431b33ea12da1e50bd00cde26d37fc9b51a5252',
      committedAt: '2026-11-20T08:11:57.587Z',
    },
  ],
  ...provenance,
  ...overrides,
});

export const incident = (
  overrides: Partial<StoredIncident>,
): StoredIncident => ({
  id: 'INC-pricing-engine-open',
  entityRef: 'component:default/pricing-engine',
  title: 'Error budget burn alert on pricing-engine',
  severity: 'sev1',
  status: 'open',
  openedAt: '2026-11-22T00:01:22.314Z',
  ...provenance,
  ...overrides,
});

export const pipelineRun = (
  overrides: Partial<StoredPipelineRun>,
): StoredPipelineRun => ({
  id: 'checkout-candidate',
  entityRef: 'component:default/checkout-service',
  revision: 'a6821b3995f6545b74ad3e0dd862147d6307fe7e',
  version: '3.4.0',
  branch: 'main',
  startedAt: '2026-11-22T04:00:00.000Z',
  finishedAt: '2026-11-22T04:30:00.000Z',
  gates: blockedScorecard.readiness.gates.map(({ gate, status, metrics }) => ({
    gate,
    status: status === 'missing' ? 'skipped' : status,
    metrics,
  })),
  ...provenance,
  ...overrides,
});

export const doraTrend: DoraTrend = {
  entityRef: 'component:default/payments-api',
  windowDays: 30,
  weeks: [
    {
      weekStart: '2026-11-09T00:00:00.000Z',
      deployments: 13,
      failedDeployments: 1,
      leadTimeMedianSeconds: 15806,
      recoveryTimeMedianSeconds: null,
      incidents: 0,
    },
    {
      weekStart: '2026-11-16T00:00:00.000Z',
      deployments: 12,
      failedDeployments: 0,
      leadTimeMedianSeconds: 9079,
      recoveryTimeMedianSeconds: 3600,
      incidents: 1,
    },
  ],
};

export const doraDetails: DoraDetails = {
  entityRef: 'component:default/payments-api',
  windowDays: 90,
  from: '2026-08-24T05:03:11.453Z',
  to: '2026-11-22T05:03:11.453Z',
  deployments: [
    {
      deploymentId: 'payments-api-2026-11-20-3',
      entityRef: 'component:default/payments-api',
      finishedAt: '2026-11-20T15:59:57.341Z',
    },
  ],
  leadTimeSamples: [
    {
      entityRef: 'component:default/payments-api',
      sha: '8431b33ea12da1e50bd00cde26d37fc9b51a5252',
      deploymentId: 'payments-api-2026-11-20-3',
      committedAt: '2026-11-20T08:11:57.587Z',
      finishedAt: '2026-11-20T15:59:57.341Z',
      seconds: 28080,
    },
  ],
  changeCount: 2,
  changeFailures: [
    {
      deploymentId: 'payments-api-2026-11-18-1',
      entityRef: 'component:default/payments-api',
      finishedAt: '2026-11-18T10:00:00.000Z',
      status: 'succeeded',
      failedByStatus: false,
      incidents: [{ incidentId: 'INC-42', attributedBy: 'timeWindow' }],
    },
  ],
  recoverySamples: [],
};

export const rulesResponse: RulesResponse = {
  levels: ['bronze', 'silver', 'gold'],
  requiredGates: ['unit-tests', 'container-scan', 'load-test'],
  rules: [
    {
      id: 'gitops-progressive-delivery',
      title: 'Deploys through GitOps with a canary or blue/green strategy',
      description: 'Production changes reach the cluster through Argo CD.',
      severity: 'blocking',
      level: 'silver',
      weight: 3,
      appliesTo: { kind: ['component'], type: ['service'] },
      check: {
        all: [
          { fact: 'deployment.gitops', op: 'eq', value: true },
          {
            fact: 'deployment.strategy',
            op: 'in',
            value: ['canary', 'blue-green'],
          },
        ],
      },
      exemptions: [
        {
          entity: 'component:default/legacy-billing',
          rule: 'gitops-progressive-delivery',
          reason: 'Moving from Jenkins pushes to Argo CD in Q1',
          expires: '2027-03-31',
        },
      ],
      totals: {
        pass: 8,
        fail: 2,
        exempt: 1,
        noData: 1,
        notApplicable: 2,
        // 100 × (pass + exempt) ÷ (pass + exempt + fail + noData)
        compliancePercent: 75,
      },
    },
    {
      id: 'unit-test-coverage',
      title: 'Unit test coverage of the release candidate is at least 80 %',
      severity: 'warning',
      level: 'silver',
      weight: 2,
      check: { fact: 'gate.unit-tests.coverage', op: 'gte', value: 0.8 },
      exemptions: [],
      totals: {
        pass: 12,
        fail: 0,
        exempt: 0,
        noData: 2,
        notApplicable: 0,
        compliancePercent: 85.7,
      },
    },
  ],
};

export const factsResponse: FactsResponse = {
  facts: [
    {
      name: 'deployment.gitops',
      type: 'boolean',
      description:
        'Whether the latest production deployment was applied by a GitOps controller.',
    },
  ],
  patterns: [
    {
      name: 'gate.<gate>.<metric>',
      type: 'number',
      description: 'A metric that a gate of the release candidate reported.',
      examples: ['gate.unit-tests.coverage'],
    },
  ],
};

const totals = {
  pass: 1,
  fail: 1,
  exempt: 0,
  noData: 0,
  notApplicable: 0,
  compliancePercent: 50,
};

export const complianceResponse: ComplianceResponse = {
  totalCount: 2,
  items: [
    {
      entityRef: 'component:default/payments-api',
      title: 'Payments API',
      kind: 'component',
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments-team',
      system: 'system:default/payments',
      score: 100,
      level: 'gold',
      readiness: 'ready',
      rules: {
        'gitops-progressive-delivery': 'pass',
        'unit-test-coverage': 'pass',
      },
      failingSince: {},
      ruleCoverage: { withData: 2, applicable: 2 },
      regressions: [],
      improvements: [],
      evaluatedAt: '2026-11-22T05:02:22.314Z',
    },
    {
      entityRef: 'component:default/pricing-engine',
      title: 'Pricing engine',
      kind: 'component',
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/checkout-team',
      score: 40,
      level: null,
      readiness: 'blocked',
      rules: {
        'gitops-progressive-delivery': 'fail',
        'unit-test-coverage': 'no-data',
      },
      failingSince: {
        'gitops-progressive-delivery': {
          at: '2026-11-18T09:00:00.000Z',
          firstEvaluation: false,
        },
      },
      ruleCoverage: { withData: 1, applicable: 2 },
      regressions: ['gitops-progressive-delivery'],
      improvements: [],
      evaluatedAt: '2026-11-22T05:02:22.314Z',
    },
  ],
  rules: [
    {
      id: 'gitops-progressive-delivery',
      title: 'Deploys through GitOps with a canary or blue/green strategy',
      ...totals,
    },
    {
      id: 'unit-test-coverage',
      title: 'Unit test coverage of the release candidate is at least 80 %',
      ...totals,
      fail: 0,
      noData: 1,
      compliancePercent: 100,
    },
  ],
  owners: [
    {
      owner: 'group:default/payments-team',
      ...totals,
      fail: 0,
      compliancePercent: 100,
    },
    { owner: 'group:default/checkout-team', ...totals, compliancePercent: 50 },
  ],
};
