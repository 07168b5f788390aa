/* DORA metrics as the backend reports them; definitions in docs/dora.md. */
import { DeploymentStatus } from './records';

export const DORA_TIERS = ['elite', 'high', 'medium', 'low'] as const;
/** @public */
export type DoraTier = (typeof DORA_TIERS)[number];

export interface DoraMetrics {
  /** The entity, for an entity's metrics. */
  entityRef?: string;
  /** The group, for an owner's roll-up over its services and sub-groups. */
  ownerRef?: string;
  /** How many entities the figures cover (1 for an entity). */
  entityCount: number;
  windowDays: number;
  /** Start of the window (exclusive). */
  from: string;
  /** End of the window (inclusive). */
  to: string;
  /** Name of the tier threshold profile, e.g. `2023`. */
  profile: string;
  deploymentFrequency: {
    deployments: number;
    perWeek: number;
    /** Null when no production deployment finished in the window: no data. */
    tier: DoraTier | null;
  };
  leadTime: {
    medianSeconds: number | null;
    p90Seconds: number | null;
    samples: number;
    tier: DoraTier | null;
  };
  changeFailureRate: {
    failed: number;
    total: number;
    rate: number | null;
    tier: DoraTier | null;
  };
  recoveryTime: {
    medianSeconds: number | null;
    samples: number;
    tier: DoraTier | null;
  };
  /** The worst tier among the metrics that have one. */
  overallTier: DoraTier | null;
}

/** One week of an entity's DORA figures, for trend charts. */
export interface DoraWeek {
  /** Monday 00:00 UTC that starts the week. */
  weekStart: string;
  deployments: number;
  failedDeployments: number;
  leadTimeMedianSeconds: number | null;
  recoveryTimeMedianSeconds: number | null;
  incidents: number;
}

/* The records behind each DORA figure, for drill-down (`…/dora/details`). */

/** A succeeded production deployment finished in the window. */
export interface DoraDeploymentSample {
  deploymentId: string;
  entityRef: string;
  finishedAt: string;
}

/** The lead time of one commit, at the first deployment that shipped it. */
export interface DoraLeadTimeSample {
  entityRef: string;
  sha: string;
  deploymentId: string;
  committedAt: string;
  finishedAt: string;
  seconds: number;
}

/** Why an incident was attributed to a deployment. */
export interface DoraIncidentAttribution {
  incidentId: string;
  /**
   * `deploymentId`: the incident names the deployment. `timeWindow`: the
   * deployment is the entity's latest succeeded production deployment that
   * finished at most attributionWindowHours before the incident opened.
   */
  attributedBy: 'deploymentId' | 'timeWindow';
}

/** A production deployment in the window that counts as a failed change. */
export interface DoraChangeFailure {
  deploymentId: string;
  entityRef: string;
  finishedAt: string;
  status: DeploymentStatus;
  /** True when the deployment itself failed or was rolled back. */
  failedByStatus: boolean;
  /** Incidents attributed to it; may be empty when it failed by status. */
  incidents: DoraIncidentAttribution[];
}

/** An incident resolved in the window. */
export interface DoraRecoverySample {
  incidentId: string;
  entityRef: string;
  openedAt: string;
  resolvedAt: string;
  seconds: number;
}

/** The records behind each DORA figure, for drill-down. */
export interface DoraDetails {
  entityRef?: string;
  windowDays: number;
  /** Start of the window (exclusive). */
  from: string;
  /** End of the window (inclusive). */
  to: string;
  /** Deployment frequency (and the deployments lead time looks at). */
  deployments: DoraDeploymentSample[];
  /** Lead time for changes; negative samples are left out. */
  leadTimeSamples: DoraLeadTimeSample[];
  /** Change failure rate's denominator: production deployments in the window that finished. */
  changeCount: number;
  /** Change failure rate's numerator. */
  changeFailures: DoraChangeFailure[];
  /** Failed deployment recovery time. */
  recoverySamples: DoraRecoverySample[];
}

/** `…/dora/trend`: the window's figures per ISO week, oldest first. */
export interface DoraTrend {
  entityRef: string;
  windowDays: number;
  weeks: DoraWeek[];
}
