/*
 * The DORA definitions of docs/dora.md, in TypeScript: which deployments,
 * commits and incidents each figure rests on. This is the reference the
 * backend's SQL (DoraQueries) is tested against, on generated histories and
 * by the benchmark; the backend serves every figure from the SQL selection
 * and the pure functions of summarizeDora.ts and weeklyTrend.ts, which this
 * module composes the same way.
 *
 * Records of several entities may be passed at once, for an owner's roll-up.
 * Everything that links records stays within one entity: an incident is only
 * attributed to a deployment of its own entity, and a commit sha is only
 * de-duplicated against deployments of the same entity (in a monorepo the
 * same commit shipped by two services is two changes delivered).
 */
import { InputError } from '@backstage/errors';
import {
  Deployment,
  DeploymentStatus,
  DoraDetails,
  DoraMetrics,
  DoraWeek,
  Incident,
} from '@internal/plugin-release-scorecard-common';
import { parseIsoTime } from '../time/parseIsoTime';
import {
  DoraChange,
  DoraEvidence,
  DoraLeadTime,
  DoraOpenedIncident,
  DoraRecovery,
} from './doraEvidence';
import { DoraOptions } from './doraOptions';
import { doraWindowEndingAt, DoraWindow } from './doraWindow';
import { describeDora, summarizeDora } from './summarizeDora';
import { weeklyDoraTrend } from './weeklyTrend';

/** The statuses of a deployment that counts as a change (CFR's total). */
const FINISHED_STATUSES: ReadonlySet<DeploymentStatus> = new Set([
  'succeeded',
  'failed',
  'rolled-back',
]);

/** What DORA needs of a deployment; `source` defaults to ''. */
export type DoraDeployment = Pick<
  Deployment,
  'id' | 'entityRef' | 'environment' | 'status' | 'finishedAt' | 'commits'
> & { source?: string };

/** What DORA needs of an incident; `source` defaults to ''. */
export type DoraIncident = Pick<
  Incident,
  'id' | 'entityRef' | 'openedAt' | 'resolvedAt' | 'deploymentId'
> & { source?: string };

/** The records and window to compute DORA metrics for. */
export interface DoraInput {
  /**
   * Deployments of the entity (or entities): at least the production ones
   * finished in `(from − attributionWindowHours, to]`, and every deployment
   * an incident names by id (any environment or time).
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
   * else to the number of entities that have records in the input.
   */
  entityCount?: number;
}

/** The reference DORA figures and tiers (docs/dora.md). */
export function computeDoraMetrics(
  input: DoraInput,
  options: DoraOptions,
): DoraMetrics {
  const { evidence, window } = selectDoraEvidence(input, options);
  return summarizeDora(
    evidence,
    window,
    {
      ...(input.entityRef !== undefined && { entityRef: input.entityRef }),
      ...(input.ownerRef !== undefined && { ownerRef: input.ownerRef }),
      entityCount: input.entityCount ?? defaultEntityCount(input),
    },
    options.tiers,
  );
}

/** The reference drill-down: the records behind each DORA figure. */
export function computeDoraDetails(
  input: DoraInput,
  options: DoraOptions,
): DoraDetails {
  const { evidence, window } = selectDoraEvidence(input, options);
  return describeDora(evidence, window);
}

/** The reference weekly trend. */
export function computeWeeklyDoraTrend(
  input: DoraInput,
  options: DoraOptions,
): DoraWeek[] {
  const { evidence, window } = selectDoraEvidence(input, options);
  return weeklyDoraTrend(evidence, window);
}

interface TimedDeployment {
  deployment: DoraDeployment;
  source: string;
  /** -Infinity when it has not finished. */
  finishedAtMs: number;
}

/**
 * Selects the records each DORA figure rests on, as docs/dora.md defines
 * them. DoraQueries selects the same in SQL.
 */
export function selectDoraEvidence(
  input: DoraInput,
  options: DoraOptions,
): { evidence: DoraEvidence; window: DoraWindow } {
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
  const window = doraWindowEndingAt(toMs, windowDays, options);
  const isInWindow = (ms: number) => ms > window.from && ms <= window.to;
  const production = new Set(window.productionEnvironments);

  const timed = input.deployments
    .map(
      (deployment): TimedDeployment => ({
        deployment,
        source: deployment.source ?? '',
        finishedAtMs: deployment.finishedAt
          ? parseTime(deployment.finishedAt) ?? -Infinity
          : -Infinity,
      }),
    )
    .sort(byFinishTime);
  const finishedInProduction = timed.filter(
    d =>
      d.finishedAtMs !== -Infinity &&
      production.has(d.deployment.environment.toLocaleLowerCase('en-US')),
  );

  const changeByDeployment = new Map<TimedDeployment, DoraChange>();
  for (const d of finishedInProduction) {
    if (
      FINISHED_STATUSES.has(d.deployment.status) &&
      isInWindow(d.finishedAtMs)
    ) {
      changeByDeployment.set(d, {
        entityRef: d.deployment.entityRef,
        deploymentId: d.deployment.id,
        status: d.deployment.status,
        finishedAtMs: d.finishedAtMs,
        incidents: [],
      });
    }
  }
  attributeIncidents(input.incidents, timed, finishedInProduction, {
    toMs: window.to,
    attributionWindowMs: window.attributionWindowMs,
    changeByDeployment,
  });

  return {
    window,
    evidence: {
      changes: [...changeByDeployment.values()],
      leadTimes: selectLeadTimes(
        finishedInProduction.filter(
          d =>
            d.deployment.status === 'succeeded' && isInWindow(d.finishedAtMs),
        ),
      ),
      recoveries: selectRecoveries(input.incidents, isInWindow),
      openedIncidents: input.incidents.flatMap(
        (incident): DoraOpenedIncident[] => {
          const openedAtMs = parseTime(incident.openedAt);
          return openedAtMs !== undefined && isInWindow(openedAtMs)
            ? [
                {
                  entityRef: incident.entityRef,
                  incidentId: incident.id,
                  openedAtMs,
                },
              ]
            : [];
        },
      ),
    },
  };
}

/**
 * One sample per commit (sha, in any case) and entity, at the first
 * deployment in the window that shipped it (by finish, then id, then
 * source), with that deployment's commit time: a redeployment or a later
 * release that lists the same commit does not count it again, nor change its
 * time. A negative sample (clock skew, rewritten history) is dropped, not
 * replaced by a later deployment's sample.
 */
function selectLeadTimes(
  deploymentsInOrder: TimedDeployment[],
): DoraLeadTime[] {
  const seen = new Set<string>();
  const samples: DoraLeadTime[] = [];
  for (const { deployment, finishedAtMs } of deploymentsInOrder) {
    for (const commit of deployment.commits ?? []) {
      const sha = commit.sha.toLocaleLowerCase('en-US');
      const key = `${entityKey(deployment.entityRef)}\u0000${sha}`;
      const committedAtMs = parseTime(commit.committedAt);
      if (seen.has(key) || committedAtMs === undefined) {
        continue;
      }
      seen.add(key);
      if (finishedAtMs >= committedAtMs) {
        samples.push({
          entityRef: deployment.entityRef,
          sha,
          deploymentId: deployment.id,
          committedAtMs,
          finishedAtMs,
        });
      }
    }
  }
  return samples;
}

/**
 * Attributes each incident opened up to `to` to at most one deployment of
 * its own entity, and records it on that deployment when it is a change:
 *
 * - with a `deploymentId`, to the deployment it names: the entity's
 *   deployment with that id reported by the incident's own source, or, when
 *   that source reported none, the one of another source that finished last
 *   (then by source name). When that deployment is not a change (another
 *   environment, outside the window), the incident blames nothing: falling
 *   back to the time rule would blame a deployment the incident says is not
 *   the cause.
 * - without, to the entity's latest succeeded production deployment that
 *   finished at or before the incident opened and no more than the
 *   attribution window before it, both ends inclusive (the latest by finish,
 *   then id, then source). That deployment may lie before the window, and
 *   then the incident blames nothing in the window.
 *
 * Incidents opened after `to` are left out, so a past window's figures do not
 * change as later incidents arrive.
 */
function attributeIncidents(
  incidents: ReadonlyArray<DoraIncident>,
  allDeployments: TimedDeployment[],
  finishedInProduction: TimedDeployment[],
  context: {
    toMs: number;
    attributionWindowMs: number;
    changeByDeployment: Map<TimedDeployment, DoraChange>;
  },
) {
  const byId = groupBy(allDeployments, d =>
    deploymentKey(d.deployment.entityRef, d.deployment.id),
  );
  const succeededByEntity = groupBy(
    finishedInProduction.filter(d => d.deployment.status === 'succeeded'),
    d => entityKey(d.deployment.entityRef),
  );

  for (const incident of incidents) {
    const openedAtMs = parseTime(incident.openedAt);
    if (openedAtMs === undefined || openedAtMs > context.toMs) {
      continue;
    }
    if (incident.deploymentId) {
      const named = namedDeployment(
        byId.get(deploymentKey(incident.entityRef, incident.deploymentId)) ??
          [],
        incident.source ?? '',
      );
      if (named) {
        context.changeByDeployment.get(named)?.incidents.push({
          incidentId: incident.id,
          attributedBy: 'deploymentId',
        });
      }
      continue;
    }
    const candidate = latestFinishedAtOrBefore(
      succeededByEntity.get(entityKey(incident.entityRef)) ?? [],
      openedAtMs,
    );
    if (
      candidate &&
      openedAtMs - candidate.finishedAtMs <= context.attributionWindowMs
    ) {
      context.changeByDeployment.get(candidate)?.incidents.push({
        incidentId: incident.id,
        attributedBy: 'timeWindow',
      });
    }
  }
}

/** Of the deployments sharing an id, the one an incident of `source` names. */
function namedDeployment(
  sameId: TimedDeployment[],
  source: string,
): TimedDeployment | undefined {
  const ownSource = sameId.find(d => d.source === source);
  if (ownSource) {
    return ownSource;
  }
  // sameId is sorted by finish, then id, then source: the last finished,
  // then the first source name among those.
  const lastFinish = sameId[sameId.length - 1]?.finishedAtMs;
  return sameId.find(d => d.finishedAtMs === lastFinish);
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
 * Incidents resolved in the window. A resolution before the opening time is
 * inconsistent data and is dropped, like a negative lead time.
 */
function selectRecoveries(
  incidents: ReadonlyArray<DoraIncident>,
  isInWindow: (ms: number) => boolean,
): DoraRecovery[] {
  return incidents.flatMap(incident => {
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
    return [
      {
        entityRef: incident.entityRef,
        incidentId: incident.id,
        openedAtMs,
        resolvedAtMs,
      },
    ];
  });
}

function defaultEntityCount(input: DoraInput): number {
  if (input.entityRef !== undefined) {
    return 1;
  }
  return new Set(
    [...input.deployments, ...input.incidents].map(r => entityKey(r.entityRef)),
  ).size;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key) ?? [];
    group.push(item); // keeps the order of `items`
    groups.set(key, group);
  }
  return groups;
}

// Entity refs are stored lower case; comparing them so costs little and
// keeps a stray upper-case ref from splitting one entity in two.
function entityKey(entityRef: string): string {
  return entityRef.toLocaleLowerCase('en-US');
}

function deploymentKey(entityRef: string, deploymentId: string): string {
  return `${entityKey(entityRef)}\u0000${deploymentId}`;
}

/** By finish, then id, then source, each compared by code unit as SQL's "C" collation does. */
function byFinishTime(a: TimedDeployment, b: TimedDeployment): number {
  return (
    a.finishedAtMs - b.finishedAtMs ||
    compareStrings(a.deployment.id, b.deployment.id) ||
    compareStrings(a.source, b.source)
  );
}

function compareStrings(a: string, b: string): number {
  return Number(a > b) - Number(a < b);
}

/**
 * Epoch ms of an ISO 8601 time, or undefined when it is not one. A time
 * without an offset is read as UTC.
 *
 * @internal
 */
export function parseTime(iso: string): number | undefined {
  return parseIsoTime(iso);
}
