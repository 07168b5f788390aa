/*
 * How a delivery combines with what is already stored. Deliveries are
 * idempotent and may arrive out of order: a later finish wins, and a record
 * never goes back from a final status to an earlier one.
 */
import {
  CommitEvidence,
  DeploymentEvidence,
  DeploymentPatchEvidence,
  GateEvidence,
  IncidentEvidence,
  PipelineRunEvidence,
} from './types';
import {
  GateResultStatus,
  GateStatus,
  StoredPipelineGate,
} from '@internal/plugin-release-scorecard-common';

type RunFields = Omit<PipelineRunEvidence, 'gates'>;

function isFinal(status: DeploymentEvidence['status']): boolean {
  return status !== 'in-progress';
}

/** Whether `incoming` describes a later state of the deployment than `existing`. */
function deploymentIsNewer(
  existing: Pick<DeploymentEvidence, 'status' | 'finishedAt'>,
  incoming: Pick<DeploymentEvidence, 'status' | 'finishedAt'>,
): boolean {
  if (!isFinal(existing.status)) {
    return true;
  }
  if (!isFinal(incoming.status)) {
    return false;
  }
  // Both final: the later finish wins (a rollback after a success). At the
  // same finish a failure wins over a success: a health check that degraded
  // the release must not be undone by a re-delivered sync notification.
  const incomingFinish = incoming.finishedAt ?? Infinity;
  const existingFinish = existing.finishedAt ?? -Infinity;
  if (incomingFinish !== existingFinish) {
    return incomingFinish > existingFinish;
  }
  return !(existing.status !== 'succeeded' && incoming.status === 'succeeded');
}

function unionCommits(
  existing: CommitEvidence[],
  incoming: CommitEvidence[],
): CommitEvidence[] {
  const bySha = new Map(existing.map(commit => [commit.sha, commit]));
  for (const commit of incoming) {
    bySha.set(commit.sha, commit);
  }
  return [...bySha.values()];
}

export function mergeDeployment(
  existing: DeploymentEvidence,
  incoming: DeploymentEvidence,
): DeploymentEvidence {
  const [winner, other] = deploymentIsNewer(existing, incoming)
    ? [incoming, existing]
    : [existing, incoming];
  return {
    ...winner,
    // A tool that cannot tell the strategy must not erase one that could.
    strategy: winner.strategy === 'unknown' ? other.strategy : winner.strategy,
    version: winner.version ?? other.version,
    url: winner.url ?? other.url,
    startedAt: Math.min(existing.startedAt, incoming.startedAt),
    commits: unionCommits(existing.commits, incoming.commits),
  };
}

/** Applies an Argo Rollouts style patch to the latest deployment of an environment. */
export function applyDeploymentPatch(
  existing: DeploymentEvidence,
  patch: DeploymentPatchEvidence,
): DeploymentEvidence {
  const patchedStatus = patch.status ?? existing.status;
  const patched = {
    status: patchedStatus,
    finishedAt: patch.status ? patch.finishedAt : existing.finishedAt,
  };
  const statusWins = deploymentIsNewer(existing, patched);
  return {
    ...existing,
    strategy:
      patch.strategy && patch.strategy !== 'unknown'
        ? patch.strategy
        : existing.strategy,
    version: existing.version ?? patch.version,
    url: existing.url ?? patch.url,
    status: statusWins ? patched.status : existing.status,
    finishedAt: statusWins ? patched.finishedAt : existing.finishedAt,
  };
}

/** The deployment a patch creates when its environment has none yet. */
export function deploymentFromPatch(
  patch: DeploymentPatchEvidence,
): DeploymentEvidence {
  return {
    entityRef: patch.entityRef,
    source: patch.source,
    id: patch.fallbackId,
    environment: patch.environment,
    revision: patch.revision ?? 'unknown',
    version: patch.version,
    strategy: patch.strategy ?? 'unknown',
    gitops: false,
    status: patch.status ?? 'in-progress',
    startedAt: patch.startedAt,
    finishedAt: patch.finishedAt,
    commits: [],
    url: patch.url,
  };
}

/**
 * The time of the state a delivery describes: its resolution, its reopening,
 * or else its opening.
 */
function incidentStatusTime(incident: IncidentEvidence): number {
  return incident.status === 'resolved'
    ? incident.resolvedAt ?? incident.openedAt
    : incident.reopenedAt ?? incident.openedAt;
}

/**
 * Whether `incoming` describes a later state of the incident. An incident
 * reopens only when the delivery says when (PagerDuty's `incident.reopened`,
 * `reopenedAt` in the push API) and that is after the resolution: an older
 * delivery of the open incident, arriving late, must not undo a resolution.
 * At the same time a resolution wins.
 */
function incidentIsNewer(
  existing: IncidentEvidence,
  incoming: IncidentEvidence,
): boolean {
  const existingAt = incidentStatusTime(existing);
  const incomingAt = incidentStatusTime(incoming);
  if (incomingAt !== existingAt) {
    return incomingAt > existingAt;
  }
  return !(existing.status === 'resolved' && incoming.status === 'open');
}

export function mergeIncident(
  existing: IncidentEvidence,
  incoming: IncidentEvidence,
): IncidentEvidence {
  const [winner, other] = incidentIsNewer(existing, incoming)
    ? [incoming, existing]
    : [existing, incoming];
  const reopenedAt = Math.max(
    existing.reopenedAt ?? -Infinity,
    incoming.reopenedAt ?? -Infinity,
  );
  return {
    ...winner,
    openedAt: Math.min(existing.openedAt, incoming.openedAt),
    // An open incident has no resolution; a reopened one that is resolved
    // again keeps when it was reopened.
    resolvedAt: winner.status === 'resolved' ? winner.resolvedAt : undefined,
    reopenedAt: Number.isFinite(reopenedAt) ? reopenedAt : undefined,
    deploymentId: winner.deploymentId ?? other.deploymentId,
    url: winner.url ?? other.url,
  };
}

export function mergePipelineRun(
  existing: RunFields,
  incoming: RunFields,
): RunFields {
  // A run that has finished is newer than one still running; of two finished
  // deliveries the later finish wins.
  const incomingIsNewer =
    existing.finishedAt === undefined ||
    (incoming.finishedAt !== undefined &&
      incoming.finishedAt >= existing.finishedAt);
  const [winner, other] = incomingIsNewer
    ? [incoming, existing]
    : [existing, incoming];
  return {
    ...winner,
    // The first reporter stays the run's source; gates keep their own.
    source: existing.source,
    startedAt: Math.min(existing.startedAt, incoming.startedAt),
    version: winner.version ?? other.version,
    branch: winner.branch ?? other.branch,
    url: winner.url ?? other.url,
  };
}

/** Whether a gate report replaces the one the same source sent before. */
export function gateReportReplaces(
  existing: Pick<GateEvidence, 'reportedAt'>,
  incoming: Pick<GateEvidence, 'reportedAt'>,
): boolean {
  return incoming.reportedAt >= existing.reportedAt;
}

const STATUS_SEVERITY: Record<GateStatus, number> = {
  skipped: 0,
  passed: 1,
  failed: 2,
};

/**
 * The gate as the scorecard sees it when several tools reported on it (JUnit
 * for the tests, Cobertura for coverage): the worst verdict any of them gave,
 * and their metrics merged, the most recent report winning per metric. A
 * report without a verdict only adds metrics; a gate that has no verdict at
 * all is `no-verdict`, which never passes.
 */
export function combineGateReports(reports: GateEvidence[]): Omit<
  GateEvidence,
  'source' | 'status'
> & {
  status: GateResultStatus;
} {
  if (reports.length === 0) {
    throw new Error('combineGateReports needs at least one report');
  }
  // Ties broken by source, so that the order deliveries arrived in does not
  // decide which metric wins.
  const byAge = [...reports].sort(
    (a, b) =>
      a.reportedAt - b.reportedAt ||
      Number(a.source > b.source) - Number(a.source < b.source),
  );
  const statuses = byAge.flatMap(report =>
    report.status ? [report.status] : [],
  );
  const status = statuses.reduce<GateStatus | undefined>(
    (worst, next) =>
      worst === undefined || STATUS_SEVERITY[next] > STATUS_SEVERITY[worst]
        ? next
        : worst,
    undefined,
  );
  const metrics = Object.assign(
    {},
    ...byAge.map(report => report.metrics ?? {}),
  );
  const latest = byAge[byAge.length - 1];
  return {
    gate: latest.gate,
    status: status ?? 'no-verdict',
    metrics: Object.keys(metrics).length > 0 ? metrics : undefined,
    url: [...byAge].reverse().find(report => report.url)?.url,
    reportedAt: latest.reportedAt,
  };
}

/** What each tool reported for each gate of a run: gate → source → report. */
export type GateReportsBySource = Record<
  string,
  Record<string, Omit<GateEvidence, 'gate' | 'source'>>
>;

/**
 * Adds reports to a run's reports (a newer report of the same source replaces
 * an older one) and derives the effective gates from them. Returns how many
 * reports were deliveries of a gate the source had reported before.
 */
export function applyGateReports(
  existing: GateReportsBySource,
  incoming: GateEvidence[],
): {
  reports: GateReportsBySource;
  gates: StoredPipelineGate[];
  redelivered: number;
} {
  const reports: GateReportsBySource = JSON.parse(JSON.stringify(existing));
  let redelivered = 0;
  for (const { gate, source, ...report } of incoming) {
    const bySource = (reports[gate] ??= {});
    const previous = bySource[source];
    if (previous) {
      redelivered += 1;
      if (!gateReportReplaces(previous, report)) {
        continue;
      }
    }
    bySource[source] = report;
  }
  const gates = Object.keys(reports)
    .sort()
    .map(gate => {
      const combined = combineGateReports(
        Object.entries(reports[gate]).map(([source, report]) => ({
          ...report,
          gate,
          source,
        })),
      );
      return {
        gate,
        status: combined.status,
        ...(combined.metrics && { metrics: combined.metrics }),
        ...(combined.url && { url: combined.url }),
      };
    });
  return { reports, gates, redelivered };
}
