/* Response shapes of the Release Scorecard HTTP API. */
import { DoraDetails, DoraMetrics, DoraTrend, DoraWeek } from './dora';
import { FactDefinition } from './facts';
import {
  GateMetrics,
  GateResultStatus,
  StoredDeployment,
  StoredFeatureFlag,
  StoredIncident,
  StoredPipelineRun,
} from './records';
import {
  FailingSince,
  RuleCoverage,
  RuleDefinition,
  RuleExemption,
  RuleResult,
  RuleStatus,
} from './rules';

/** A page of a list; pass `nextCursor` back as `cursor` for the next page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** What the push API and webhooks answer with `202 Accepted`. */
export interface IngestResponse {
  /** Records stored for the first time. */
  accepted: number;
  /** Records that updated one already stored. */
  updated: number;
  /** Entity refs in the batch that the catalog does not know (yet); stored all the same. */
  unknownEntityRefs?: string[];
}

export const READINESS_STATUSES = ['ready', 'blocked', 'unknown'] as const;
/** @public */
export type ReadinessStatus = (typeof READINESS_STATUSES)[number];

export interface ReadinessGate {
  gate: string;
  /** `missing` when a required gate did not report for the candidate. */
  status: GateResultStatus | 'missing';
  required: boolean;
  metrics?: GateMetrics;
  url?: string;
}

/** Whether the release candidate (the latest pipeline run) may ship. */
export interface Readiness {
  status: ReadinessStatus;
  revision?: string;
  version?: string;
  pipelineRunId?: string;
  gates: ReadinessGate[];
  /** `gate:<name>` for each failed or missing required gate, `rule:<id>` for each failing blocking rule. */
  blockers: string[];
}

export interface EntityScorecard {
  entityRef: string;
  evaluatedAt: string | null;
  /** 0..100, or null when no applicable rule has data. */
  score: number | null;
  level: string | null;
  readiness: Readiness;
  rules: RuleResult[];
  /** How many of the rules that apply have data: the score rests on these. */
  ruleCoverage: RuleCoverage;
}

export type { DoraDetails, DoraMetrics, DoraTrend, DoraWeek };

/** A change of one rule's status for one entity. */
export interface RuleStatusChange {
  entityRef: string;
  ruleId: string;
  from: RuleStatus | null;
  to: RuleStatus;
  changedAt: string;
}

/** One row of the compliance view: an entity and the status of each rule. */
export interface ComplianceRow {
  entityRef: string;
  title?: string;
  kind: string;
  type?: string;
  lifecycle?: string;
  owner?: string;
  system?: string;
  score: number | null;
  level: string | null;
  readiness: ReadinessStatus;
  /** Rule id → status. */
  rules: Record<string, RuleStatus>;
  /** Rule id → when it started failing, for each failing rule. */
  failingSince: Record<string, FailingSince>;
  ruleCoverage: RuleCoverage;
  /** Rules whose status got worse in the last 7 days. */
  regressions: string[];
  /** Rules whose status got better in the last 7 days. */
  improvements: string[];
  evaluatedAt: string | null;
}

export interface ComplianceTotals {
  pass: number;
  fail: number;
  exempt: number;
  noData: number;
  notApplicable: number;
  /**
   * 100 × (pass + exempt) ÷ (pass + exempt + fail + noData), or null when no
   * rule applies: a rule without data is not met.
   */
  compliancePercent: number | null;
}

export interface ComplianceResponse extends Page<ComplianceRow> {
  totalCount: number;
  rules: Array<{ id: string; title: string } & ComplianceTotals>;
  owners: Array<{ owner: string } & ComplianceTotals>;
}

/** `GET /compliance/changes` and `GET /entities/…/history`: status changes, newest first. */
export type RuleStatusChangePage = Page<RuleStatusChange>;

/** `GET /rules`: the rules as configured, with how the organisation fares on each. */
export interface RulesResponse {
  levels: string[];
  requiredGates: string[];
  rules: Array<
    RuleDefinition & {
      exemptions: RuleExemption[];
      /** Over every entity the caller may see; null before the first evaluation. */
      totals: ComplianceTotals | null;
    }
  >;
}

/** `GET /rules/facts`: what rules can test. */
export interface FactsResponse {
  facts: FactDefinition[];
  /** Families of facts, e.g. `gate.<gate>.<metric>`. */
  patterns: FactDefinition[];
}

export type DeploymentPage = Page<StoredDeployment>;
export type PipelineRunPage = Page<StoredPipelineRun>;
export type IncidentPage = Page<StoredIncident>;

/** When a provider last delivered the flags of an entity. */
export interface FlagSnapshotStatus {
  entityRef: string;
  provider: string;
  /** The last good snapshot; the flags shown are this old. */
  refreshedAt: string;
  lastAttemptAt: string;
  /** Why the last refresh failed, if it did; the last good snapshot is kept. */
  lastError?: string;
  flagCount: number;
}

/** `GET /entities/…/flags`: the entity's flags and where they came from. */
export interface EntityFlagsResponse extends Page<StoredFeatureFlag> {
  snapshots: FlagSnapshotStatus[];
}

/** A flag in the organisation-wide list, with its entity's owner. */
export type OrganizationFlag = StoredFeatureFlag & {
  entityTitle?: string;
  /** Owner of the entity the flag belongs to. */
  entityOwner?: string;
};

/** `GET /flags?owner=&provider=&type=&stale=`: flags across the organisation. */
export interface FlagListResponse extends Page<OrganizationFlag> {
  totalCount: number;
  /** Active and stale flag counts per owning team, over the whole filtered set. */
  owners: Array<{
    owner: string;
    active: number;
    stale: number;
    total: number;
  }>;
}
