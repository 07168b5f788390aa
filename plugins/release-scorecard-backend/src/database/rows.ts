/*
 * How records map to table rows and back to API responses. Times are epoch
 * ms in rows; PostgreSQL returns BIGINT as strings, SQLite booleans as 0/1.
 */
import {
  FeatureFlag,
  FlagEnvironment,
  StoredDeployment,
  StoredFeatureFlag,
  StoredIncident,
  StoredPipelineRun,
} from '@internal/plugin-release-scorecard-common';
import {
  CommitEvidence,
  DeploymentEvidence,
  IncidentEvidence,
  PipelineRunEvidence,
} from '../evidence';
import { fromDbMillis, toIso } from './time';

export type Row = Record<string, any>;

export function optional<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

export function parseJson<T>(text: string | null | undefined): T | undefined {
  return text ? (JSON.parse(text) as T) : undefined;
}

export function deploymentToRow(d: DeploymentEvidence): Row {
  return {
    entity_ref: d.entityRef,
    source: d.source,
    external_id: d.id,
    environment: d.environment,
    revision: d.revision,
    version: d.version ?? null,
    strategy: d.strategy,
    gitops: d.gitops,
    status: d.status,
    started_at: d.startedAt,
    finished_at: d.finishedAt ?? null,
    url: d.url ?? null,
  };
}

export function deploymentFromRow(
  row: Row,
  commits: CommitEvidence[],
): DeploymentEvidence {
  return {
    entityRef: row.entity_ref,
    source: row.source,
    id: row.external_id,
    environment: row.environment,
    revision: row.revision,
    version: optional(row.version),
    strategy: row.strategy,
    gitops: Boolean(row.gitops),
    status: row.status,
    startedAt: Number(row.started_at),
    finishedAt: fromDbMillis(row.finished_at),
    commits,
    url: optional(row.url),
  };
}

export function deploymentResponse(
  row: Row,
  commits: CommitEvidence[],
): StoredDeployment {
  const d = deploymentFromRow(row, commits);
  return {
    id: d.id,
    entityRef: d.entityRef,
    environment: d.environment,
    revision: d.revision,
    version: d.version,
    strategy: d.strategy,
    gitops: d.gitops,
    status: d.status,
    startedAt: toIso(d.startedAt),
    finishedAt: toIso(d.finishedAt),
    commits: d.commits.map(c => ({
      sha: c.sha,
      committedAt: toIso(c.committedAt),
    })),
    url: d.url,
    source: d.source,
    receivedAt: toIso(Number(row.received_at)),
    updatedAt: toIso(Number(row.updated_at)),
  };
}

export function runToRow(run: Omit<PipelineRunEvidence, 'gates'>): Row {
  return {
    entity_ref: run.entityRef,
    external_id: run.id,
    source: run.source,
    revision: run.revision,
    version: run.version ?? null,
    branch: run.branch ?? null,
    started_at: run.startedAt,
    finished_at: run.finishedAt ?? null,
    url: run.url ?? null,
  };
}

export function runFromRow(row: Row): Omit<PipelineRunEvidence, 'gates'> {
  return {
    entityRef: row.entity_ref,
    id: row.external_id,
    source: row.source,
    revision: row.revision,
    version: optional(row.version),
    branch: optional(row.branch),
    startedAt: Number(row.started_at),
    finishedAt: fromDbMillis(row.finished_at),
    url: optional(row.url),
  };
}

export function runResponse(row: Row): Omit<StoredPipelineRun, 'gates'> {
  const run = runFromRow(row);
  return {
    id: run.id,
    entityRef: run.entityRef,
    revision: run.revision,
    version: run.version,
    branch: run.branch,
    startedAt: toIso(run.startedAt),
    finishedAt: toIso(run.finishedAt),
    url: run.url,
    source: run.source,
    receivedAt: toIso(Number(row.received_at)),
    updatedAt: toIso(Number(row.updated_at)),
  };
}

export function incidentToRow(i: IncidentEvidence): Row {
  return {
    entity_ref: i.entityRef,
    source: i.source,
    external_id: i.id,
    title: i.title,
    severity: i.severity,
    status: i.status,
    opened_at: i.openedAt,
    resolved_at: i.resolvedAt ?? null,
    reopened_at: i.reopenedAt ?? null,
    deployment_id: i.deploymentId ?? null,
    url: i.url ?? null,
  };
}

export function incidentFromRow(row: Row): IncidentEvidence {
  return {
    entityRef: row.entity_ref,
    source: row.source,
    id: row.external_id,
    title: row.title,
    severity: row.severity,
    status: row.status,
    openedAt: Number(row.opened_at),
    resolvedAt: fromDbMillis(row.resolved_at),
    reopenedAt: fromDbMillis(row.reopened_at),
    deploymentId: optional(row.deployment_id),
    url: optional(row.url),
  };
}

export function incidentResponse(row: Row): StoredIncident {
  const i = incidentFromRow(row);
  return {
    id: i.id,
    entityRef: i.entityRef,
    title: i.title,
    severity: i.severity,
    status: i.status,
    openedAt: toIso(i.openedAt),
    resolvedAt: toIso(i.resolvedAt),
    reopenedAt: toIso(i.reopenedAt),
    deploymentId: i.deploymentId,
    url: i.url,
    source: i.source,
    receivedAt: toIso(Number(row.received_at)),
    updatedAt: toIso(Number(row.updated_at)),
  };
}

export function flagToRow(flag: FeatureFlag): Row {
  return {
    flag_key: flag.key,
    name: flag.name ?? null,
    type: flag.type,
    temporary: flag.temporary,
    archived: flag.archived,
    active: !flag.archived && flag.environments.some(env => env.enabled),
    stale: flag.stale,
    stale_reason: flag.staleReason ?? null,
    environments: JSON.stringify(flag.environments),
    created_at: flag.createdAt ? Date.parse(flag.createdAt) : null,
    last_modified_at: flag.lastModifiedAt
      ? Date.parse(flag.lastModifiedAt)
      : null,
    owner: flag.owner ?? null,
    url: flag.url ?? null,
  };
}

export function flagResponse(row: Row): StoredFeatureFlag {
  return {
    entityRef: row.entity_ref,
    key: row.flag_key,
    name: optional(row.name),
    provider: row.provider,
    type: row.type,
    temporary: Boolean(row.temporary),
    archived: Boolean(row.archived),
    active: Boolean(row.active),
    stale: Boolean(row.stale),
    staleReason: optional(row.stale_reason),
    environments: parseJson<FlagEnvironment[]>(row.environments) ?? [],
    createdAt: toIso(fromDbMillis(row.created_at)),
    lastModifiedAt: toIso(fromDbMillis(row.last_modified_at)),
    owner: optional(row.owner),
    url: optional(row.url),
    source: row.source,
    receivedAt: toIso(Number(row.received_at)),
    updatedAt: toIso(Number(row.updated_at)),
    snapshotAt: toIso(Number(row.snapshot_at ?? row.updated_at)),
  };
}
