/*
 * The evidence as the backend handles it internally: the wire records of the
 * common package with times as epoch milliseconds and the source attached.
 */
import {
  DeploymentStatus,
  DeploymentStrategy,
  GateMetrics,
  GateStatus,
  IncidentSeverity,
  IncidentStatus,
  FeatureFlag,
} from '@internal/plugin-release-scorecard-common';

export interface CommitEvidence {
  sha: string;
  committedAt: number;
}

export interface DeploymentEvidence {
  entityRef: string;
  source: string;
  id: string;
  environment: string;
  revision: string;
  version?: string;
  strategy: DeploymentStrategy;
  gitops: boolean;
  status: DeploymentStatus;
  startedAt: number;
  finishedAt?: number;
  commits: CommitEvidence[];
  url?: string;
}

/** A change to the latest deployment of an entity in an environment (Argo Rollouts). */
export interface DeploymentPatchEvidence {
  entityRef: string;
  source: string;
  environment: string;
  fallbackId: string;
  revision?: string;
  version?: string;
  strategy?: DeploymentStrategy;
  status?: DeploymentStatus;
  startedAt: number;
  finishedAt?: number;
  url?: string;
}

/** What one source reported for one gate of a run. */
export interface GateEvidence {
  gate: string;
  source: string;
  status?: GateStatus;
  metrics?: GateMetrics;
  url?: string;
  reportedAt: number;
}

export interface PipelineRunEvidence {
  entityRef: string;
  source: string;
  id: string;
  revision: string;
  version?: string;
  branch?: string;
  startedAt: number;
  finishedAt?: number;
  url?: string;
  gates: GateEvidence[];
}

/** Gate results that find their run by id, else by revision (SonarQube, Trivy, …). */
export interface GateReportEvidence {
  entityRef: string;
  source: string;
  runId?: string;
  revision: string;
  version?: string;
  branch?: string;
  startedAt: number;
  gate: GateEvidence;
}

export interface IncidentEvidence {
  entityRef: string;
  source: string;
  id: string;
  title: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  openedAt: number;
  resolvedAt?: number;
  /** When a resolved incident was opened again; an open delivery without it is as old as openedAt. */
  reopenedAt?: number;
  deploymentId?: string;
  url?: string;
}

export interface FlagSnapshotEvidence {
  entityRef: string;
  provider: string;
  source: string;
  flags: FeatureFlag[];
}

/** How many records a write created and how many it matched to stored ones. */
export interface WriteCounts {
  accepted: number;
  updated: number;
}
