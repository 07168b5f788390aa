/*
 * The rows of the plugin's tables as the database returns them (see the
 * migrations for what each column holds), and the mappings that more than
 * one store uses. Times are epoch ms.
 */
import {
  DeploymentStatus,
  DeploymentStrategy,
  FlagType,
  IncidentSeverity,
  IncidentStatus,
  ReadinessStatus,
  RecordProvenance,
  RuleStatus,
  RuleStatusChange,
} from '@internal/plugin-release-scorecard-common';
import { toIso } from './time';

/** A BIGINT column: PostgreSQL returns it as a string, SQLite as a number. */
export type DbBigInt = number | string;
/** A BOOLEAN column: SQLite returns 0 or 1. */
export type DbBoolean = boolean | number;

export interface DeploymentRow {
  pk: DbBigInt;
  entity_ref: string;
  source: string;
  external_id: string;
  environment: string;
  revision: string;
  version: string | null;
  strategy: DeploymentStrategy;
  gitops: DbBoolean;
  status: DeploymentStatus;
  started_at: DbBigInt;
  finished_at: DbBigInt | null;
  url: string | null;
  received_at: DbBigInt;
  updated_at: DbBigInt;
}

export interface DeploymentCommitRow {
  deployment_pk: DbBigInt;
  sha: string;
  committed_at: DbBigInt;
}

export interface PipelineRunRow {
  pk: DbBigInt;
  entity_ref: string;
  external_id: string;
  source: string;
  revision: string;
  version: string | null;
  branch: string | null;
  started_at: DbBigInt;
  finished_at: DbBigInt | null;
  url: string | null;
  /** JSON array of StoredPipelineGate. */
  gates: string;
  /** JSON object: gate, then source, then what that source reported. */
  gate_reports: string;
  received_at: DbBigInt;
  updated_at: DbBigInt;
}

export interface IncidentRow {
  pk: DbBigInt;
  entity_ref: string;
  source: string;
  external_id: string;
  title: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  opened_at: DbBigInt;
  resolved_at: DbBigInt | null;
  reopened_at: DbBigInt | null;
  deployment_id: string | null;
  url: string | null;
  received_at: DbBigInt;
  updated_at: DbBigInt;
}

export interface FlagRow {
  pk: DbBigInt;
  entity_ref: string;
  provider: string;
  flag_key: string;
  name: string | null;
  type: FlagType;
  temporary: DbBoolean;
  archived: DbBoolean;
  active: DbBoolean;
  stale: DbBoolean;
  stale_reason: string | null;
  /** JSON array of FlagEnvironment. */
  environments: string;
  created_at: DbBigInt | null;
  last_modified_at: DbBigInt | null;
  owner: string | null;
  url: string | null;
  source: string;
  received_at: DbBigInt;
  updated_at: DbBigInt;
}

export interface FlagSnapshotRow {
  entity_ref: string;
  provider: string;
  /** The last good snapshot; 0 when there never was one. */
  refreshed_at: DbBigInt;
  last_attempt_at: DbBigInt;
  last_error: string | null;
  flag_count: number;
}

export interface UnknownEntityRefRow {
  entity_ref: string;
  first_seen_at: DbBigInt;
  last_seen_at: DbBigInt;
  records: number;
}

export interface UnmatchedWebhookEventRow {
  source: string;
  lookup: string;
  events: number;
  first_seen_at: DbBigInt;
  last_seen_at: DbBigInt;
  last_event: string | null;
}

export interface CatalogEntityRow {
  entity_ref: string;
  kind: string;
  type: string | null;
  lifecycle: string | null;
  owner: string | null;
  system: string | null;
  parent: string | null;
  title: string | null;
  /** JSON array of strings. */
  tags: string | null;
  /** JSON object of strings. */
  annotations: string | null;
  refreshed_at: DbBigInt;
}

export interface EntityScorecardRow {
  entity_ref: string;
  evaluated_at: DbBigInt;
  score: number | null;
  level: string | null;
  readiness: ReadinessStatus;
  /** JSON Readiness. */
  readiness_detail: string;
  /** JSON object of facts. */
  facts: string;
  config_digest: string;
}

export interface RuleResultRow {
  entity_ref: string;
  rule_id: string;
  status: RuleStatus;
  /** JSON RuleResult. */
  detail: string;
  evaluated_at: DbBigInt;
  failing_since: DbBigInt | null;
  failing_since_first_evaluation: DbBoolean;
}

/** The columns of a rule result that say its status and since when it fails. */
export const RULE_STATUS_COLUMNS = [
  'entity_ref',
  'rule_id',
  'status',
  'failing_since',
  'failing_since_first_evaluation',
] as const;
export type RuleStatusRow = Pick<
  RuleResultRow,
  (typeof RULE_STATUS_COLUMNS)[number]
>;

export interface RuleStatusChangeRow {
  pk: DbBigInt;
  entity_ref: string;
  rule_id: string;
  from_status: RuleStatus | null;
  to_status: RuleStatus;
  changed_at: DbBigInt;
}

export interface EvaluationQueueRow {
  entity_ref: string;
  requested_at: DbBigInt;
}

export interface CollectorStateRow {
  collector_id: string;
  key: string;
  value: string;
  updated_at: DbBigInt;
}

export function optional<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

export function parseJson<T>(text: string | null | undefined): T | undefined {
  return text ? (JSON.parse(text) as T) : undefined;
}

/** Where a stored record came from, and when it arrived and last changed. */
export function provenanceOf(row: {
  source: string;
  received_at: DbBigInt;
  updated_at: DbBigInt;
}): RecordProvenance {
  return {
    source: row.source,
    receivedAt: toIso(Number(row.received_at)),
    updatedAt: toIso(Number(row.updated_at)),
  };
}

export function ruleStatusChangeFromRow(
  row: RuleStatusChangeRow,
): RuleStatusChange {
  return {
    entityRef: row.entity_ref,
    ruleId: row.rule_id,
    from: row.from_status,
    to: row.to_status,
    changedAt: toIso(Number(row.changed_at)),
  };
}
