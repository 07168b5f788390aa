import { DeploymentStrategy } from '@internal/plugin-release-scorecard-common';

/** How a demo service behaves: how often it ships, how safely, how well tested. */
export interface DemoProfile {
  /** Production deployments per week, on average. */
  deploysPerWeek: number;
  strategy: DeploymentStrategy;
  gitops: boolean;
  /** Share of production deployments that fail or are rolled back. */
  failureRate: number;
  /** Chance that a succeeded deployment causes an incident. */
  incidentRate: number;
  /** Typical hours from commit to production. */
  leadTimeHours: number;
  /** Typical hours to resolve an incident. */
  recoveryHours: number;
  coverage: number;
  /** Gates of the release candidate that fail. */
  failingCandidateGates?: string[];
  criticalVulnerabilities?: number;
  /** An incident that is still open, with its severity. */
  openIncident?: 'sev1' | 'sev2' | 'sev3';
  flags?: {
    provider: 'unleash' | 'launchdarkly' | 'flagsmith';
    count: number;
    staleShare: number;
  };
}

/**
 * Profiles for the example services, by the value of their
 * release-scorecard.io/demo-profile annotation, chosen so that a first start
 * shows every situation: an elite service, a struggling one, one blocked by a
 * failed gate, one exempt from a rule. (A service without data is one that
 * does not carry the annotation: search-indexer in examples/.)
 */
export const DEMO_PROFILES: Record<string, DemoProfile> = {
  // Elite: several canary releases a day through Argo CD, everything green.
  'payments-api': {
    deploysPerWeek: 12,
    strategy: 'canary',
    gitops: true,
    failureRate: 0.02,
    incidentRate: 0.01,
    leadTimeHours: 5,
    recoveryHours: 0.6,
    coverage: 0.91,
    flags: { provider: 'launchdarkly', count: 6, staleShare: 0 },
  },
  'ledger-service': {
    deploysPerWeek: 5,
    strategy: 'blue-green',
    gitops: true,
    failureRate: 0.04,
    incidentRate: 0.03,
    leadTimeHours: 20,
    recoveryHours: 3,
    coverage: 0.86,
    flags: { provider: 'unleash', count: 4, staleShare: 0.25 },
  },
  'fraud-detection': {
    deploysPerWeek: 3,
    strategy: 'canary',
    gitops: true,
    failureRate: 0.08,
    incidentRate: 0.05,
    leadTimeHours: 40,
    recoveryHours: 6,
    coverage: 0.74,
    flags: { provider: 'flagsmith', count: 5, staleShare: 0.4 },
  },
  // Exempt: still pushed by Jenkins, exempt from the GitOps rule until Q1.
  'legacy-billing': {
    deploysPerWeek: 0.5,
    strategy: 'rolling',
    gitops: false,
    failureRate: 0.1,
    incidentRate: 0.08,
    leadTimeHours: 300,
    recoveryHours: 20,
    coverage: 0.41,
  },
  // Blocked: everything fine except that the candidate's load test failed.
  'checkout-service': {
    deploysPerWeek: 8,
    strategy: 'canary',
    gitops: true,
    failureRate: 0.03,
    incidentRate: 0.02,
    leadTimeHours: 9,
    recoveryHours: 1.5,
    coverage: 0.84,
    failingCandidateGates: ['load-test'],
    flags: { provider: 'unleash', count: 8, staleShare: 0.125 },
  },
  'cart-service': {
    deploysPerWeek: 4,
    strategy: 'rolling',
    gitops: true,
    failureRate: 0.06,
    incidentRate: 0.04,
    leadTimeHours: 30,
    recoveryHours: 5,
    coverage: 0.79,
    flags: { provider: 'unleash', count: 3, staleShare: 0 },
  },
  // Struggling: weekly big-bang pushes, frequent failures, an open sev1.
  'pricing-engine': {
    deploysPerWeek: 1.2,
    strategy: 'rolling',
    gitops: false,
    failureRate: 0.22,
    incidentRate: 0.2,
    leadTimeHours: 400,
    recoveryHours: 60,
    coverage: 0.52,
    failingCandidateGates: ['functional-tests', 'security-test'],
    criticalVulnerabilities: 2,
    openIncident: 'sev1',
    flags: { provider: 'launchdarkly', count: 11, staleShare: 0.6 },
  },
  'inventory-service': {
    deploysPerWeek: 2,
    strategy: 'recreate',
    gitops: true,
    failureRate: 0.09,
    incidentRate: 0.06,
    leadTimeHours: 70,
    recoveryHours: 10,
    coverage: 0.81,
    openIncident: 'sev3',
  },
  'auth-gateway': {
    deploysPerWeek: 6,
    strategy: 'blue-green',
    gitops: true,
    failureRate: 0.03,
    incidentRate: 0.02,
    leadTimeHours: 14,
    recoveryHours: 0.8,
    coverage: 0.88,
    flags: { provider: 'unleash', count: 2, staleShare: 0 },
  },
  'notification-service': {
    deploysPerWeek: 4,
    strategy: 'canary',
    gitops: true,
    failureRate: 0.07,
    incidentRate: 0.05,
    leadTimeHours: 26,
    recoveryHours: 4,
    coverage: 0.77,
    flags: { provider: 'flagsmith', count: 4, staleShare: 0.5 },
  },
  'deploy-controller': {
    deploysPerWeek: 3,
    strategy: 'canary',
    gitops: true,
    failureRate: 0.05,
    incidentRate: 0.02,
    leadTimeHours: 18,
    recoveryHours: 2,
    coverage: 0.83,
  },
  'reporting-service': {
    deploysPerWeek: 1,
    strategy: 'rolling',
    gitops: true,
    failureRate: 0.12,
    incidentRate: 0.1,
    leadTimeHours: 120,
    recoveryHours: 30,
    coverage: 0.68,
  },
};

/** A middling profile for services the demo does not know by name. */
export const DEFAULT_DEMO_PROFILE: DemoProfile = {
  deploysPerWeek: 2,
  strategy: 'rolling',
  gitops: true,
  failureRate: 0.08,
  incidentRate: 0.05,
  leadTimeHours: 48,
  recoveryHours: 8,
  coverage: 0.75,
};
