import {
  DoraDetails,
  DoraMetrics,
} from '@internal/plugin-release-scorecard-common';
import {
  DoraEvidence,
  failedByStatus,
  isFailedChange,
  isSucceeded,
  leadTimeSeconds,
  recoverySeconds,
} from './doraEvidence';
import { DoraTierThresholds } from './doraOptions';
import { DoraWindow } from './doraWindow';
import { summarizeDoraSamples } from './summarizeDoraSamples';

/** Whose figures these are. */
export interface DoraSubject {
  entityRef?: string;
  ownerRef?: string;
  /** How many entities the figures cover, with or without records. */
  entityCount: number;
}

const toIso = (ms: number) => new Date(ms).toISOString();

/** The headline DORA figures and tiers of the evidence. */
export function summarizeDora(
  evidence: DoraEvidence,
  window: DoraWindow,
  subject: DoraSubject,
  tiers: DoraTierThresholds,
): DoraMetrics {
  return summarizeDoraSamples(
    {
      deployments: evidence.changes.filter(isSucceeded).length,
      changes: evidence.changes.length,
      failedChanges: evidence.changes.filter(isFailedChange).length,
      leadTimeSeconds: evidence.leadTimes.map(leadTimeSeconds),
      recoverySeconds: evidence.recoveries.map(recoverySeconds),
    },
    {
      ...subject,
      windowDays: window.windowDays,
      from: toIso(window.from),
      to: toIso(window.to),
    },
    tiers,
  );
}

function byTimeThenId<T>(time: (item: T) => number, id: (item: T) => string) {
  return (a: T, b: T) =>
    time(a) - time(b) || Number(id(a) > id(b)) - Number(id(a) < id(b));
}

/** The records behind each headline figure, oldest first: the drill-down. */
export function describeDora(
  evidence: DoraEvidence,
  window: DoraWindow,
  entityRef?: string,
): DoraDetails {
  const changes = [...evidence.changes].sort(
    byTimeThenId(
      c => c.finishedAtMs,
      c => `${c.entityRef}\u0000${c.deploymentId}`,
    ),
  );
  return {
    ...(entityRef !== undefined && { entityRef }),
    windowDays: window.windowDays,
    from: toIso(window.from),
    to: toIso(window.to),
    deployments: changes.filter(isSucceeded).map(c => ({
      deploymentId: c.deploymentId,
      entityRef: c.entityRef,
      finishedAt: toIso(c.finishedAtMs),
    })),
    leadTimeSamples: [...evidence.leadTimes]
      .sort(
        byTimeThenId(
          s => s.finishedAtMs,
          s => `${s.entityRef}\u0000${s.deploymentId}\u0000${s.sha}`,
        ),
      )
      .map(s => ({
        entityRef: s.entityRef,
        sha: s.sha,
        deploymentId: s.deploymentId,
        committedAt: toIso(s.committedAtMs),
        finishedAt: toIso(s.finishedAtMs),
        seconds: leadTimeSeconds(s),
      })),
    changeCount: changes.length,
    changeFailures: changes.filter(isFailedChange).map(c => ({
      deploymentId: c.deploymentId,
      entityRef: c.entityRef,
      finishedAt: toIso(c.finishedAtMs),
      status: c.status,
      failedByStatus: failedByStatus(c),
      incidents: [...c.incidents].sort(
        (a, b) =>
          Number(a.incidentId > b.incidentId) -
          Number(a.incidentId < b.incidentId),
      ),
    })),
    recoverySamples: [...evidence.recoveries]
      .sort(
        byTimeThenId(
          s => s.resolvedAtMs,
          s => `${s.entityRef}\u0000${s.incidentId}`,
        ),
      )
      .map(s => ({
        incidentId: s.incidentId,
        entityRef: s.entityRef,
        openedAt: toIso(s.openedAtMs),
        resolvedAt: toIso(s.resolvedAtMs),
        seconds: recoverySeconds(s),
      })),
  };
}
