import {
  FlagSnapshotStatus,
  IncidentStatus,
  StoredDeployment,
  StoredFeatureFlag,
  StoredIncident,
  StoredPipelineRun,
} from '@internal/plugin-release-scorecard-common';
import {
  DeploymentEvidence,
  DeploymentPatchEvidence,
  FlagSnapshotEvidence,
  GateReportEvidence,
  IncidentEvidence,
  PipelineRunEvidence,
  WriteCounts,
} from '../evidence';

export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface StoredPage<T> {
  items: T[];
  nextCursor?: string;
}

export interface UnknownEntityRef {
  entityRef: string;
  firstSeenAt: string;
  lastSeenAt: string;
  records: number;
}

export interface UnmatchedWebhookEvents {
  source: string;
  lookup: string;
  events: number;
  firstSeenAt: string;
  lastSeenAt: string;
  lastEvent?: string;
}

export type { FlagSnapshotStatus };

export interface RetentionResult {
  deployments: number;
  pipelineRuns: number;
  incidents: number;
}

/**
 * Reads and writes the evidence of every entity. Each write call is one
 * transaction: a batch is stored whole or not at all.
 */
export interface EvidenceStore {
  upsertDeployments(
    deployments: DeploymentEvidence[],
    now: number,
  ): Promise<WriteCounts>;
  applyDeploymentPatches(
    patches: DeploymentPatchEvidence[],
    now: number,
  ): Promise<WriteCounts>;
  upsertPipelineRuns(
    runs: PipelineRunEvidence[],
    now: number,
  ): Promise<WriteCounts>;
  addGateReports(
    reports: GateReportEvidence[],
    now: number,
  ): Promise<WriteCounts>;
  upsertIncidents(
    incidents: IncidentEvidence[],
    now: number,
  ): Promise<WriteCounts>;
  /** Replaces the flags of an entity from one provider with a new snapshot. */
  replaceFlagSnapshot(
    snapshot: FlagSnapshotEvidence,
    now: number,
  ): Promise<WriteCounts>;
  /** Keeps the last good snapshot and notes why refreshing it failed. */
  recordFlagSnapshotFailure(
    entityRef: string,
    provider: string,
    error: string,
    now: number,
  ): Promise<void>;

  /** Newest first; `environments` compared case-insensitively. */
  listDeployments(
    entityRef: string,
    page: PageRequest,
    filter?: { environments?: string[] },
  ): Promise<StoredPage<StoredDeployment>>;
  listPipelineRuns(
    entityRef: string,
    page: PageRequest,
  ): Promise<StoredPage<StoredPipelineRun>>;
  listIncidents(
    entityRef: string,
    page: PageRequest,
    filter?: { statuses?: IncidentStatus[] },
  ): Promise<StoredPage<StoredIncident>>;
  listFlags(
    entityRef: string,
    page: PageRequest,
  ): Promise<StoredPage<StoredFeatureFlag>>;
  listFlagSnapshots(entityRef: string): Promise<FlagSnapshotStatus[]>;

  recordUnknownEntityRefs(
    recordsPerRef: Map<string, number>,
    now: number,
  ): Promise<void>;
  /** Forgets refs that the catalog now knows. */
  forgetUnknownEntityRefs(entityRefs: string[]): Promise<void>;
  listUnknownEntityRefs(
    page: PageRequest,
  ): Promise<StoredPage<UnknownEntityRef>>;
  recordUnmatchedWebhookEvent(
    event: { source: string; lookup: string; eventType: string },
    now: number,
  ): Promise<void>;
  listUnmatchedWebhookEvents(
    page: PageRequest,
  ): Promise<StoredPage<UnmatchedWebhookEvents>>;

  /** Removes records whose event time is before `cutoff`, in batches. */
  deleteRecordsOlderThan(cutoff: number): Promise<RetentionResult>;
}
