import { createApiRef } from '@backstage/core-plugin-api';
import {
  ComplianceResponse,
  DeploymentPage,
  DoraDetails,
  DoraMetrics,
  DoraTrend,
  EntityScorecard,
  FactsResponse,
  IncidentPage,
  PipelineRunPage,
  ReadinessStatus,
  RulesResponse,
  RuleStatus,
  RuleStatusChangePage,
  IncidentStatus,
} from '@internal/plugin-release-scorecard-common';

/** Which page of a list to fetch; `cursor` is the `nextCursor` of the previous page. */
export interface PageOptions {
  limit?: number;
  cursor?: string;
}

/** Which deployments to list. */
export interface DeploymentFilter {
  /** Only the environments the backend counts as production. */
  productionOnly?: boolean;
}

/** Which rule status changes of an entity to list. */
export interface HistoryFilter {
  /** Only the changes of this rule (its id). */
  rule?: string;
}

/** Which incidents to list. */
export interface IncidentFilter {
  status?: IncidentStatus;
}

/** The DORA window: `windowDays` days that end at `to` (default: now). */
export interface DoraWindowOptions {
  windowDays?: number;
  /** ISO 8601 time. */
  to?: string;
}

/**
 * Filters of the compliance view. List filters match any of their values;
 * `owner` includes the owner's sub-groups.
 */
export interface ComplianceFilter {
  /** Group refs, e.g. `group:default/payments-team`. */
  owner?: string[];
  /** System refs, e.g. `system:default/payments`. */
  system?: string[];
  kind?: string[];
  type?: string[];
  lifecycle?: string[];
  rule?: string;
  /** Status of `rule`, or of any rule when no rule is given. */
  status?: RuleStatus;
  readiness?: ReadinessStatus;
}

/** The Release Scorecard backend, as the frontend sees it. */
export interface ReleaseScorecardApi {
  getScorecard(entityRef: string): Promise<EntityScorecard>;
  getDora(entityRef: string, window?: DoraWindowOptions): Promise<DoraMetrics>;
  getDoraDetails(
    entityRef: string,
    window?: DoraWindowOptions,
  ): Promise<DoraDetails>;
  getDoraTrend(
    entityRef: string,
    window?: DoraWindowOptions,
  ): Promise<DoraTrend>;
  /** Rule status changes of the entity, newest first; of one rule with `filter.rule`. */
  getHistory(
    entityRef: string,
    page?: PageOptions,
    filter?: HistoryFilter,
  ): Promise<RuleStatusChangePage>;
  /** Newest first. */
  listDeployments(
    entityRef: string,
    page?: PageOptions,
    filter?: DeploymentFilter,
  ): Promise<DeploymentPage>;
  listPipelineRuns(
    entityRef: string,
    page?: PageOptions,
  ): Promise<PipelineRunPage>;
  /** Newest first. */
  listIncidents(
    entityRef: string,
    page?: PageOptions,
    filter?: IncidentFilter,
  ): Promise<IncidentPage>;
  getCompliance(
    filter?: ComplianceFilter,
    page?: PageOptions,
  ): Promise<ComplianceResponse>;
  /** Rule status changes across the filtered entities over the last `days` (default 7). */
  getComplianceChanges(
    filter?: ComplianceFilter,
    options?: PageOptions & { days?: number },
  ): Promise<RuleStatusChangePage>;
  /** The whole filtered compliance view as CSV (every page). */
  downloadComplianceCsv(filter?: ComplianceFilter): Promise<Blob>;
  getRules(): Promise<RulesResponse>;
  getFacts(): Promise<FactsResponse>;
  /** DORA pooled over the services of a group and its sub-groups. */
  getOwnerDora(
    ownerRef: string,
    window?: DoraWindowOptions,
  ): Promise<DoraMetrics>;
}

export const releaseScorecardApiRef = createApiRef<ReleaseScorecardApi>({
  id: 'plugin.release-scorecard.service',
});
