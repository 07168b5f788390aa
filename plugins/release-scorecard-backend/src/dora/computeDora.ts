/*
 * DORA metrics over a time window, as SPEC §4.1 defines them. Pure: the
 * caller loads the records and passes `to` (usually now).
 *
 * Records of several entities may be passed at once, for an owner's roll-up.
 * Everything that links records stays within one entity: an incident is only
 * attributed to a deployment of its own entity, and a commit sha is only
 * de-duplicated against deployments of the same entity (in a monorepo the
 * same commit shipped by two services is two changes delivered). Medians and
 * rates of a roll-up pool the samples of all entities; they are not means of
 * per-entity figures.
 */
import { InputError } from '@backstage/errors';
import {
  Deployment,
  DeploymentStatus,
  DoraDetails,
  DoraIncidentAttribution,
  DoraMetrics,
  Incident,
} from '@internal/plugin-release-scorecard-common';
import { DateTime } from 'luxon';
import { DoraOptions } from './doraOptions';
import { summarizeDoraSamples } from './summarizeDoraSamples';

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 24 * MS_PER_HOUR;

/** The statuses of a deployment that counts as a change (CFR's total). */
const FINISHED_STATUSES: ReadonlySet<DeploymentStatus> = new Set([
  'succeeded',
  'failed',
  'rolled-back',
]);

/** What DORA needs of a deployment. */
export type DoraDeployment = Pick<
  Deployment,
  'id' | 'entityRef' | 'environment' | 'status' | 'finishedAt' | 'commits'
>;

/** What DORA needs of an incident. */
export type DoraIncident = Pick<
  Incident,
  'id' | 'entityRef' | 'openedAt' | 'resolvedAt' | 'deploymentId'
>;

/** The records and window to compute DORA metrics for. */
export interface DoraInput {
  /**
   * Deployments of the entity (or entities). Pass those finished in
   * `(from − attributionWindowHours, to]`: a production deployment just
   * before the window may still be the one an incident is attributed to, and
   * then that incident is not blamed on anything in the window.
   */
  deployments: ReadonlyArray<DoraDeployment>;
  /** Incidents opened up to `to`, or resolved in the window. */
  incidents: ReadonlyArray<DoraIncident>;
  /** End of the window, inclusive. */
  to: Date | string;
  /** Length of the window; defaults to `options.windowDays`. */
  windowDays?: number;
  /** Copied to the result, for an entity's metrics. */
  entityRef?: string;
  /** Copied to the result, for an owner's roll-up. */
  ownerRef?: string;
  /**
   * How many entities the figures cover. Defaults to 1 with `entityRef`,
   * else to the number of entities that have records in the input; an
   * owner's roll-up should pass its service count, since services without
   * any record count too.
   */
  entityCount?: number;
}

/** Computes the DORA figures and tiers of SPEC §4.1. */
export function computeDoraMetrics(
  input: DoraInput,
  options: DoraOptions,
): DoraMetrics {
  const analysis = analyzeDora(input, options);
  return summarizeDoraSamples(
    {
      deployments: analysis.deployments.length,
      changes: analysis.changes.length,
      failedChanges: analysis.changes.filter(isChangeFailure).length,
      leadTimeSeconds: analysis.leadTimeSamples.map(s => s.seconds),
      recoverySeconds: analysis.recoverySamples.map(s => s.seconds),
    },
    {
      windowDays: analysis.windowDays,
      from: toIso(analysis.fromMs),
      to: toIso(analysis.toMs),
      entityRef: input.entityRef,
      ownerRef: input.ownerRef,
      entityCount: input.entityCount ?? defaultEntityCount(input),
    },
    options.tiers,
  );
}

/** Lists the deployments, commits and incidents behind each DORA figure. */
export function computeDoraDetails(
  input: DoraInput,
  options: DoraOptions,
): DoraDetails {
  const analysis = analyzeDora(input, options);
  return {
    windowDays: analysis.windowDays,
    from: toIso(analysis.fromMs),
    to: toIso(analysis.toMs),
    deployments: analysis.deployments.map(d => ({
      deploymentId: d.deployment.id,
      entityRef: d.deployment.entityRef,
      finishedAt: toIso(d.finishedAtMs),
    })),
    leadTimeSamples: analysis.leadTimeSamples.map(s => ({
      entityRef: s.entityRef,
      sha: s.sha,
      deploymentId: s.deploymentId,
      committedAt: toIso(s.committedAtMs),
      finishedAt: toIso(s.finishedAtMs),
      seconds: s.seconds,
    })),
    changeCount: analysis.changes.length,
    changeFailures: analysis.changes.filter(isChangeFailure).map(c => ({
      deploymentId: c.deployment.id,
      entityRef: c.deployment.entityRef,
      finishedAt: toIso(c.finishedAtMs),
      status: c.deployment.status,
      failedByStatus: c.failedByStatus,
      incidents: [...c.incidents],
    })),
    recoverySamples: analysis.recoverySamples.map(s => ({
      incidentId: s.incident.id,
      entityRef: s.incident.entityRef,
      openedAt: toIso(s.openedAtMs),
      resolvedAt: toIso(s.resolvedAtMs),
      seconds: s.seconds,
    })),
  };
}

// ---------------------------------------------------------------------------
// The analysis below is shared with the weekly trend; times are epoch ms.

interface TimedDeployment {
  deployment: DoraDeployment;
  finishedAtMs: number;
}

interface LeadTimeSample {
  entityRef: string;
  sha: string;
  deploymentId: string;
  committedAtMs: number;
  finishedAtMs: number;
  seconds: number;
}

interface Change extends TimedDeployment {
  failedByStatus: boolean;
  incidents: DoraIncidentAttribution[];
}

interface RecoverySample {
  incident: DoraIncident;
  openedAtMs: number;
  resolvedAtMs: number;
  seconds: number;
}

/** @internal */
export interface DoraAnalysis {
  windowDays: number;
  fromMs: number;
  toMs: number;
  /** Succeeded production deployments finished in the window. */
  deployments: TimedDeployment[];
  leadTimeSamples: LeadTimeSample[];
  /** Finished production deployments in the window, failed or not. */
  changes: Change[];
  recoverySamples: RecoverySample[];
  /** Incidents opened in the window. */
  openedIncidents: Array<{ incident: DoraIncident; openedAtMs: number }>;
}

/** @internal */
export function analyzeDora(
  input: DoraInput,
  options: DoraOptions,
): DoraAnalysis {
  const windowDays = input.windowDays ?? options.windowDays;
  if (!(Number.isFinite(windowDays) && windowDays > 0)) {
    throw new InputError(
      `windowDays must be a positive number, got ${windowDays}`,
    );
  }
  const toMs =
    typeof input.to === 'string' ? parseTime(input.to) : input.to.getTime();
  if (toMs === undefined || Number.isNaN(toMs)) {
    throw new InputError(
      `to must be an ISO 8601 time, got ${String(input.to)}`,
    );
  }
  const fromMs = toMs - windowDays * MS_PER_DAY;
  const isInWindow = (ms: number) => ms > fromMs && ms <= toMs;

  const production = selectFinishedProductionDeployments(
    input.deployments,
    options.productionEnvironments,
  );
  const deployments = production.filter(
    d => d.deployment.status === 'succeeded' && isInWindow(d.finishedAtMs),
  );
  const changes: Change[] = production
    .filter(
      d =>
        FINISHED_STATUSES.has(d.deployment.status) &&
        isInWindow(d.finishedAtMs),
    )
    .map(d => ({
      ...d,
      failedByStatus:
        d.deployment.status === 'failed' ||
        d.deployment.status === 'rolled-back',
      incidents: [],
    }));
  attributeIncidents(input.incidents, production, changes, {
    toMs,
    attributionWindowMs: options.attributionWindowHours * MS_PER_HOUR,
  });

  const openedIncidents = input.incidents.flatMap(incident => {
    const openedAtMs = parseTime(incident.openedAt);
    return openedAtMs !== undefined && isInWindow(openedAtMs)
      ? [{ incident, openedAtMs }]
      : [];
  });

  return {
    windowDays,
    fromMs,
    toMs,
    deployments,
    leadTimeSamples: computeLeadTimeSamples(deployments),
    changes,
    recoverySamples: computeRecoverySamples(input.incidents, isInWindow),
    openedIncidents,
  };
}

/** @internal */
export function isChangeFailure(change: Change): boolean {
  return change.failedByStatus || change.incidents.length > 0;
}

/**
 * Production deployments with a finish time, oldest first. A deployment
 * without one (still in progress, or never reported as finished) has no
 * place in the window.
 */
function selectFinishedProductionDeployments(
  deployments: ReadonlyArray<DoraDeployment>,
  productionEnvironments: string[],
): TimedDeployment[] {
  const production = new Set(
    productionEnvironments.map(name => name.toLocaleLowerCase('en-US')),
  );
  return deployments
    .flatMap(deployment => {
      const finishedAtMs = deployment.finishedAt
        ? parseTime(deployment.finishedAt)
        : undefined;
      return finishedAtMs !== undefined &&
        production.has(deployment.environment.toLocaleLowerCase('en-US'))
        ? [{ deployment, finishedAtMs }]
        : [];
    })
    .sort(byFinishTime);
}

/**
 * One sample per commit and entity, at the earliest deployment in the window
 * that shipped it, so a redeployment or a later release that lists the same
 * commits does not count it again. A negative sample (a commit time after the
 * deployment, i.e. clock skew or rewritten history) is dropped, not replaced
 * by a later deployment's sample.
 */
function computeLeadTimeSamples(
  deploymentsOldestFirst: TimedDeployment[],
): LeadTimeSample[] {
  const seen = new Set<string>();
  const samples: LeadTimeSample[] = [];
  for (const { deployment, finishedAtMs } of deploymentsOldestFirst) {
    for (const commit of deployment.commits ?? []) {
      const key = `${entityKey(
        deployment.entityRef,
      )}\u0000${commit.sha.toLocaleLowerCase('en-US')}`;
      const committedAtMs = parseTime(commit.committedAt);
      if (seen.has(key) || committedAtMs === undefined) {
        continue;
      }
      seen.add(key);
      const seconds = (finishedAtMs - committedAtMs) / 1000;
      if (seconds >= 0) {
        samples.push({
          entityRef: deployment.entityRef,
          sha: commit.sha,
          deploymentId: deployment.id,
          committedAtMs,
          finishedAtMs,
          seconds,
        });
      }
    }
  }
  return samples;
}

/**
 * Attributes each incident opened up to `to` to at most one deployment of its
 * own entity, and records it on that deployment when it is one of `changes`:
 *
 * - with a `deploymentId`, to that deployment only. When it is not among the
 *   changes (another environment, outside the window, unknown), the incident
 *   blames nothing: falling back to the time rule would blame a deployment the
 *   incident says is not the cause.
 * - without, to the entity's latest succeeded production deployment that
 *   finished at or before the incident opened and no more than the
 *   attribution window before it, both ends inclusive. That deployment may lie
 *   before the window, and then the incident blames nothing in the window.
 *
 * Incidents opened after `to` are left out, so a past window's figures do not
 * change as later incidents arrive.
 */
function attributeIncidents(
  incidents: ReadonlyArray<DoraIncident>,
  production: TimedDeployment[],
  changes: Change[],
  { toMs, attributionWindowMs }: { toMs: number; attributionWindowMs: number },
) {
  const changesById = new Map(
    changes.map(c => [
      deploymentKey(c.deployment.entityRef, c.deployment.id),
      c,
    ]),
  );
  const succeededByEntity = new Map<string, TimedDeployment[]>();
  for (const d of production) {
    if (d.deployment.status === 'succeeded') {
      const key = entityKey(d.deployment.entityRef);
      const list = succeededByEntity.get(key) ?? [];
      list.push(d); // stays oldest first
      succeededByEntity.set(key, list);
    }
  }

  for (const incident of incidents) {
    const openedAtMs = parseTime(incident.openedAt);
    if (openedAtMs === undefined || openedAtMs > toMs) {
      continue;
    }
    if (incident.deploymentId) {
      changesById
        .get(deploymentKey(incident.entityRef, incident.deploymentId))
        ?.incidents.push({
          incidentId: incident.id,
          attributedBy: 'deploymentId',
        });
      continue;
    }
    const candidate = latestFinishedAtOrBefore(
      succeededByEntity.get(entityKey(incident.entityRef)) ?? [],
      openedAtMs,
    );
    if (
      candidate &&
      openedAtMs - candidate.finishedAtMs <= attributionWindowMs
    ) {
      changesById
        .get(
          deploymentKey(
            candidate.deployment.entityRef,
            candidate.deployment.id,
          ),
        )
        ?.incidents.push({
          incidentId: incident.id,
          attributedBy: 'timeWindow',
        });
    }
  }
}

/** Binary search in a list sorted oldest first. */
function latestFinishedAtOrBefore(
  deploymentsOldestFirst: TimedDeployment[],
  ms: number,
): TimedDeployment | undefined {
  let low = 0;
  let high = deploymentsOldestFirst.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (deploymentsOldestFirst[middle].finishedAtMs <= ms) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low > 0 ? deploymentsOldestFirst[low - 1] : undefined;
}

/**
 * Incidents resolved in the window, with their time to resolve. A resolution
 * before the opening time is inconsistent data and is dropped, like a
 * negative lead time.
 */
function computeRecoverySamples(
  incidents: ReadonlyArray<DoraIncident>,
  isInWindow: (ms: number) => boolean,
): RecoverySample[] {
  return incidents
    .flatMap(incident => {
      const openedAtMs = parseTime(incident.openedAt);
      const resolvedAtMs = incident.resolvedAt
        ? parseTime(incident.resolvedAt)
        : undefined;
      if (
        openedAtMs === undefined ||
        resolvedAtMs === undefined ||
        !isInWindow(resolvedAtMs) ||
        resolvedAtMs < openedAtMs
      ) {
        return [];
      }
      const seconds = (resolvedAtMs - openedAtMs) / 1000;
      return [{ incident, openedAtMs, resolvedAtMs, seconds }];
    })
    .sort(
      (a, b) =>
        a.resolvedAtMs - b.resolvedAtMs ||
        compareStrings(a.incident.id, b.incident.id),
    );
}

function defaultEntityCount(input: DoraInput): number {
  if (input.entityRef !== undefined) {
    return 1;
  }
  return new Set(
    [...input.deployments, ...input.incidents].map(r => entityKey(r.entityRef)),
  ).size;
}

// Entity refs are stored lower case; comparing them so costs little and
// keeps a stray upper-case ref from splitting one entity in two.
function entityKey(entityRef: string): string {
  return entityRef.toLocaleLowerCase('en-US');
}

function deploymentKey(entityRef: string, deploymentId: string): string {
  return `${entityKey(entityRef)}\u0000${deploymentId}`;
}

function byFinishTime(a: TimedDeployment, b: TimedDeployment): number {
  return (
    a.finishedAtMs - b.finishedAtMs ||
    compareStrings(a.deployment.id, b.deployment.id)
  );
}

function compareStrings(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}

/**
 * Epoch ms of an ISO 8601 time, or undefined when it is not one. A time
 * without an offset is read as UTC (Date.parse would read it as local time).
 *
 * @internal
 */
export function parseTime(iso: string): number | undefined {
  const time = DateTime.fromISO(iso, { zone: 'utc' });
  return time.isValid ? time.toMillis() : undefined;
}

/** @internal */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
