/*
 * The evidence the Release Scorecard keeps per catalog entity: deployments,
 * pipeline runs with their quality gates, incidents and feature flags.
 *
 * Times are ISO 8601 strings on the wire. Records are keyed by entity ref in
 * its canonical lower-case form, e.g. `component:default/payments-api`.
 */

/** How a deployment rolled out. */
export const DEPLOYMENT_STRATEGIES = [
  'rolling',
  'canary',
  'blue-green',
  'recreate',
  'unknown',
] as const;
/** @public */
export type DeploymentStrategy = (typeof DEPLOYMENT_STRATEGIES)[number];

export const DEPLOYMENT_STATUSES = [
  'in-progress',
  'succeeded',
  'failed',
  'rolled-back',
] as const;
/** @public */
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** A commit that a deployment shipped, used for lead time for changes. */
export interface DeploymentCommit {
  sha: string;
  committedAt: string;
}

/** A deployment as it is sent to the push API. */
export interface Deployment {
  id: string;
  entityRef: string;
  environment: string;
  revision: string;
  version?: string;
  strategy: DeploymentStrategy;
  /** True when a GitOps controller (Argo CD, Flux) applied the change. */
  gitops: boolean;
  status: DeploymentStatus;
  startedAt: string;
  finishedAt?: string;
  commits?: DeploymentCommit[];
  url?: string;
}

/** The verdicts a tool can give a gate. */
export const GATE_STATUSES = ['passed', 'failed', 'skipped'] as const;
/** @public */
export type GateStatus = (typeof GATE_STATUSES)[number];

/**
 * The status of a stored gate: a verdict, or `no-verdict` when the tools
 * that reported on it sent metrics only (coverage without a threshold). A
 * gate without a verdict never passes.
 */
export const GATE_RESULT_STATUSES = [...GATE_STATUSES, 'no-verdict'] as const;
/** @public */
export type GateResultStatus = (typeof GATE_RESULT_STATUSES)[number];

/** Metric values of a gate; well-known names are listed in WELL_KNOWN_GATES. */
export type GateMetrics = Record<string, number>;

/** A gate of a pipeline run, as the push API accepts it. */
export interface PipelineGate {
  gate: string;
  status: GateStatus;
  metrics?: GateMetrics;
  url?: string;
}

/** A gate as stored: what every tool that reported on it says, combined. */
export interface StoredPipelineGate extends Omit<PipelineGate, 'status'> {
  status: GateResultStatus;
}

/** A pipeline run of a revision, with the quality gates it went through. */
export interface PipelineRun {
  id: string;
  entityRef: string;
  revision: string;
  version?: string;
  branch?: string;
  startedAt: string;
  finishedAt?: string;
  gates: PipelineGate[];
  url?: string;
}

export const INCIDENT_SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
/** @public */
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export const INCIDENT_STATUSES = ['open', 'resolved'] as const;
/** @public */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface Incident {
  id: string;
  entityRef: string;
  title: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  openedAt: string;
  resolvedAt?: string;
  /**
   * When a resolved incident was opened again. Send it with status `open` to
   * reopen one: an open delivery without it is taken as older than the
   * resolution (a late re-delivery) and leaves the incident resolved.
   */
  reopenedAt?: string;
  /** The deployment (its `id`) that caused the incident, when known. */
  deploymentId?: string;
  url?: string;
}

/** Flag types, as Unleash defines them; other providers map onto these. */
export const FLAG_TYPES = [
  'release',
  'experiment',
  'operational',
  'kill-switch',
  'permission',
] as const;
/** @public */
export type FlagType = (typeof FLAG_TYPES)[number];

export interface FlagEnvironment {
  name: string;
  enabled: boolean;
  /** 0..100 when the flag rolls out gradually. */
  rolloutPercent?: number;
  lastModifiedAt?: string;
}

/** A feature flag as a provider reports it. */
export interface FeatureFlag {
  key: string;
  name?: string;
  provider: string;
  type: FlagType;
  /** Temporary flags are meant to be removed; permanent ones are not. */
  temporary: boolean;
  archived: boolean;
  environments: FlagEnvironment[];
  createdAt?: string;
  lastModifiedAt?: string;
  owner?: string;
  /** True when the provider marks the flag stale or it outlived its type. */
  stale: boolean;
  staleReason?: string;
  /** Link to the flag in the provider's UI. */
  url?: string;
}

/** Provenance that the backend adds to every stored record. */
export interface RecordProvenance {
  /** Where the record came from: `api`, `github`, `argocd`, `unleash`, … */
  source: string;
  /** When the backend first received the record. */
  receivedAt: string;
  /** When the record last changed. */
  updatedAt: string;
}

export type StoredDeployment = Deployment & RecordProvenance;
export type StoredPipelineRun = Omit<PipelineRun, 'gates'> &
  RecordProvenance & { gates: StoredPipelineGate[] };
export type StoredIncident = Incident & RecordProvenance;
export type StoredFeatureFlag = FeatureFlag &
  RecordProvenance & {
    entityRef: string;
    /** Whether the flag is on in at least one environment and not archived. */
    active: boolean;
    /** When the provider's snapshot that holds this flag was last refreshed. */
    snapshotAt: string;
  };

/**
 * Well-known gates and the metrics the scorecard understands for each: what
 * the built-in sources report (JUnit and Cobertura for the test gates,
 * SonarQube, Trivy) and, for the load test, what the JMeter module
 * (release-scorecard-backend-module-jmeter) reports over all samplers, as
 * the demo data and the benchmark do. A rule may name no other metric of
 * these gates; `wellKnownGates.test.ts` in the backend keeps this list in
 * step.
 */
export const WELL_KNOWN_GATES = {
  'unit-tests': ['coverage', 'testsTotal', 'testsFailed'],
  'static-analysis': [
    'bugs',
    'vulnerabilities',
    'codeSmells',
    'reliabilityRating',
    'maintainabilityRating',
  ],
  'container-scan': ['critical', 'high', 'medium', 'low'],
  'functional-tests': ['testsTotal', 'testsFailed', 'coverage'],
  'load-test': [
    'samples',
    'errorRate',
    'p95Ms',
    'p99Ms',
    'meanMs',
    'throughputPerSecond',
  ],
  'security-test': ['critical', 'high', 'medium', 'low'],
} as const;
/** @public */
export type WellKnownGate = keyof typeof WELL_KNOWN_GATES;
export const WELL_KNOWN_GATE_NAMES = Object.keys(
  WELL_KNOWN_GATES,
) as WellKnownGate[];

/** The kinds of record the push API and webhooks ingest. */
export type RecordKind = 'deployment' | 'pipelineRun' | 'incident' | 'flag';
