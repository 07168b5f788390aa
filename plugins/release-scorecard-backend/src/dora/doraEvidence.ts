/*
 * The records behind an entity's (or a group's) DORA figures, as the
 * definitions in docs/dora.md select them. The backend selects them in SQL
 * (DoraQueries); selectDoraEvidence in computeDora.ts is the same selection
 * in TypeScript, the reference the SQL is tested against. Every figure,
 * headline, drill-down and weekly trend, is computed from these records by
 * the pure functions of this folder, so they always add up.
 */
import {
  DeploymentStatus,
  DoraIncidentAttribution,
} from '@internal/plugin-release-scorecard-common';

/** A production deployment that finished in the window: succeeded, failed or rolled back. */
export interface DoraChange {
  entityRef: string;
  deploymentId: string;
  status: DeploymentStatus;
  finishedAtMs: number;
  /** Incidents attributed to the deployment. */
  incidents: DoraIncidentAttribution[];
}

/** The lead time of one commit, at the first deployment in the window that shipped it. */
export interface DoraLeadTime {
  entityRef: string;
  /** In lower case. */
  sha: string;
  deploymentId: string;
  committedAtMs: number;
  finishedAtMs: number;
}

/** An incident resolved in the window. */
export interface DoraRecovery {
  entityRef: string;
  incidentId: string;
  openedAtMs: number;
  resolvedAtMs: number;
}

/** An incident opened in the window (for the weekly trend). */
export interface DoraOpenedIncident {
  entityRef: string;
  incidentId: string;
  openedAtMs: number;
}

export interface DoraEvidence {
  changes: DoraChange[];
  leadTimes: DoraLeadTime[];
  recoveries: DoraRecovery[];
  openedIncidents: DoraOpenedIncident[];
}

export function emptyDoraEvidence(): DoraEvidence {
  return { changes: [], leadTimes: [], recoveries: [], openedIncidents: [] };
}

/**
 * The evidence of several entities as one, for an owner's roll-up: medians
 * and rates pool the samples, they are not means of per-entity figures.
 */
export function poolDoraEvidence(all: Iterable<DoraEvidence>): DoraEvidence {
  const pooled = emptyDoraEvidence();
  for (const evidence of all) {
    pooled.changes.push(...evidence.changes);
    pooled.leadTimes.push(...evidence.leadTimes);
    pooled.recoveries.push(...evidence.recoveries);
    pooled.openedIncidents.push(...evidence.openedIncidents);
  }
  return pooled;
}

/** A deployment is a deployment (for frequency) when it succeeded. */
export function isSucceeded(change: DoraChange): boolean {
  return change.status === 'succeeded';
}

/** A failed change: failed, rolled back, or blamed for an incident. */
export function isFailedChange(change: DoraChange): boolean {
  return failedByStatus(change) || change.incidents.length > 0;
}

export function failedByStatus(change: DoraChange): boolean {
  return change.status === 'failed' || change.status === 'rolled-back';
}

export function leadTimeSeconds(sample: DoraLeadTime): number {
  return (sample.finishedAtMs - sample.committedAtMs) / 1000;
}

export function recoverySeconds(sample: DoraRecovery): number {
  return (sample.resolvedAtMs - sample.openedAtMs) / 1000;
}
