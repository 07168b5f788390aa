import { chunk } from './chunk';
import { Knex } from 'knex';
import { DoraDeployment, DoraIncident } from '../dora';
import { toIso } from './time';

/*
 * DORA in SQL: counts come from GROUP BY queries and the samples behind the
 * medians (one number per commit or incident) are selected, never the rows
 * they come from. The definitions are those of the pure functions in
 * ../dora, which the tests and the benchmark compare these results with.
 */

/** What the queries need to know about the window and the definitions. */
export interface DoraQueryWindow {
  /** Start of the window, exclusive (epoch ms). */
  from: number;
  /** End of the window, inclusive (epoch ms). */
  to: number;
  productionEnvironments: string[];
  attributionWindowMs: number;
}

/** The raw material of an entity's (or a group's) DORA figures. */
export interface DoraAggregate {
  /** Succeeded production deployments finished in the window. */
  deployments: number;
  /** Production deployments finished in the window: succeeded, failed or rolled back. */
  changes: number;
  /** Those of `changes` that failed, were rolled back or caused an incident. */
  failedChanges: number;
  /** Lead time samples, in seconds (one per commit, at its first deployment). */
  leadTimeSeconds: number[];
  /** Time to resolve each incident resolved in the window, in seconds. */
  recoverySeconds: number[];
}

export function emptyDoraAggregate(): DoraAggregate {
  return {
    deployments: 0,
    changes: 0,
    failedChanges: 0,
    leadTimeSeconds: [],
    recoverySeconds: [],
  };
}

/** Pools the aggregates of several entities, as an owner's roll-up does. */
export function poolDoraAggregates(
  aggregates: Iterable<DoraAggregate>,
): DoraAggregate {
  const pooled = emptyDoraAggregate();
  for (const aggregate of aggregates) {
    pooled.deployments += aggregate.deployments;
    pooled.changes += aggregate.changes;
    pooled.failedChanges += aggregate.failedChanges;
    pooled.leadTimeSeconds.push(...aggregate.leadTimeSeconds);
    pooled.recoverySeconds.push(...aggregate.recoverySeconds);
  }
  return pooled;
}

const ENTITY_CHUNK = 500;
const FINISHED_STATUSES = ['succeeded', 'failed', 'rolled-back'];

export class DoraQueries {
  constructor(private readonly db: Knex) {}

  /** DORA aggregates per entity; entities without records are absent. */
  async aggregateByEntity(
    entityRefs: string[],
    window: DoraQueryWindow,
  ): Promise<Map<string, DoraAggregate>> {
    const result = new Map<string, DoraAggregate>();
    const entry = (entityRef: string) => {
      let aggregate = result.get(entityRef);
      if (!aggregate) {
        aggregate = emptyDoraAggregate();
        result.set(entityRef, aggregate);
      }
      return aggregate;
    };
    for (const refs of chunk([...new Set(entityRefs)], ENTITY_CHUNK)) {
      const [counts, attributed, leadTimes, recoveries] = await Promise.all([
        this.countChanges(refs, window),
        this.countSucceededWithIncidents(refs, window),
        this.selectLeadTimes(refs, window),
        this.selectRecoveryTimes(refs, window),
      ]);
      for (const row of counts) {
        const aggregate = entry(row.entity_ref);
        aggregate.deployments = Number(row.deployments);
        aggregate.changes = Number(row.changes);
        aggregate.failedChanges = Number(row.failed_by_status);
      }
      for (const row of attributed) {
        entry(row.entity_ref).failedChanges += Number(row.failed_by_incident);
      }
      for (const row of leadTimes) {
        entry(row.entity_ref).leadTimeSeconds.push(Number(row.lead_ms) / 1000);
      }
      for (const row of recoveries) {
        entry(row.entity_ref).recoverySeconds.push(
          Number(row.recovery_ms) / 1000,
        );
      }
    }
    return result;
  }

  /** Production deployments of `entityRefs` finished in the window. */
  private productionDeploymentsInWindow(
    query: Knex.QueryBuilder,
    refs: string[],
    window: DoraQueryWindow,
    alias = 'deployments',
  ) {
    return query
      .whereIn(`${alias}.entity_ref`, refs)
      .where(`${alias}.finished_at`, '>', window.from)
      .where(`${alias}.finished_at`, '<=', window.to)
      .whereIn(
        this.db.raw('LOWER(??)', [`${alias}.environment`]) as any,
        window.productionEnvironments.map(env => env.toLowerCase()),
      );
  }

  private countChanges(refs: string[], window: DoraQueryWindow) {
    return this.productionDeploymentsInWindow(
      this.db('deployments'),
      refs,
      window,
    )
      .whereIn('status', FINISHED_STATUSES)
      .groupBy('entity_ref')
      .select(
        'entity_ref',
        this.db.raw(
          "SUM(CASE WHEN status = 'succeeded' THEN 1 ELSE 0 END) AS deployments",
        ),
        this.db.raw('COUNT(*) AS changes'),
        this.db.raw(
          "SUM(CASE WHEN status IN ('failed', 'rolled-back') THEN 1 ELSE 0 END) AS failed_by_status",
        ),
      );
  }

  /**
   * Succeeded deployments in the window with at least one incident
   * attributed to them: named by the incident's deploymentId, or else the
   * entity's latest succeeded production deployment that finished at most
   * the attribution window before the incident opened. Incidents opened
   * after the window do not count.
   */
  private countSucceededWithIncidents(refs: string[], window: DoraQueryWindow) {
    const environments = window.productionEnvironments.map(env =>
      env.toLowerCase(),
    );
    const byDeploymentId = this.db('incidents as i')
      .join('deployments as d', function namedDeployment() {
        this.on('d.entity_ref', '=', 'i.entity_ref').andOn(
          'd.external_id',
          '=',
          'i.deployment_id',
        );
      })
      .whereIn('i.entity_ref', refs)
      .whereNotNull('i.deployment_id')
      .where('i.opened_at', '<=', window.to)
      .select('d.pk');
    const latestBefore = this.db('deployments as d')
      .select('d.pk')
      .whereRaw('d.entity_ref = i.entity_ref')
      .where('d.status', 'succeeded')
      .whereIn(this.db.raw('LOWER(d.environment)') as any, environments)
      .whereRaw('d.finished_at <= i.opened_at')
      // The latest deployment before the incident is the one blamed if it is
      // within the attribution window; if it is not, no earlier one is either.
      .whereRaw('d.finished_at >= i.opened_at - ?', [
        window.attributionWindowMs,
      ])
      .orderBy([
        { column: 'd.finished_at', order: 'desc' },
        { column: 'd.external_id', order: 'desc' },
      ])
      .limit(1);
    const byTime = this.db('incidents as i')
      .whereIn('i.entity_ref', refs)
      .whereNull('i.deployment_id')
      .where('i.opened_at', '>', window.from)
      .where('i.opened_at', '<=', window.to)
      .select(latestBefore.as('pk'));
    const attributedPks = this.db
      .select('pk')
      .from(byDeploymentId.union(byTime).as('attributed'));

    return this.productionDeploymentsInWindow(
      this.db('deployments'),
      refs,
      window,
    )
      .where('status', 'succeeded')
      .whereIn('pk', attributedPks)
      .groupBy('entity_ref')
      .select('entity_ref', this.db.raw('COUNT(*) AS failed_by_incident'));
  }

  /**
   * One sample per commit and entity, at the earliest deployment in the
   * window that shipped it; negative samples are dropped.
   */
  private async selectLeadTimes(refs: string[], window: DoraQueryWindow) {
    const samples = await this.productionDeploymentsInWindow(
      this.db('deployment_commits as c').join(
        'deployments as d',
        'd.pk',
        'c.deployment_pk',
      ),
      refs,
      window,
      'd',
    )
      .where('d.status', 'succeeded')
      .groupBy('d.entity_ref', 'c.sha')
      .select(
        'd.entity_ref',
        this.db.raw('MIN(d.finished_at) - MIN(c.committed_at) AS lead_ms'),
      );
    return samples.filter(
      (row: { lead_ms: number | string }) => Number(row.lead_ms) >= 0,
    );
  }

  private selectRecoveryTimes(refs: string[], window: DoraQueryWindow) {
    return this.db('incidents')
      .whereIn('entity_ref', refs)
      .where('resolved_at', '>', window.from)
      .where('resolved_at', '<=', window.to)
      .whereRaw('resolved_at >= opened_at')
      .select(
        'entity_ref',
        this.db.raw('resolved_at - opened_at AS recovery_ms'),
      );
  }

  /**
   * The records of one entity that DORA looks at over the window, for the
   * drill-down lists and weekly trends computed by the pure functions.
   */
  async loadEntityRecords(
    entityRef: string,
    window: DoraQueryWindow,
  ): Promise<{ deployments: DoraDeployment[]; incidents: DoraIncident[] }> {
    const deploymentRows = await this.db('deployments')
      .where('entity_ref', entityRef)
      .where('finished_at', '>', window.from - window.attributionWindowMs)
      .where('finished_at', '<=', window.to)
      .whereIn(
        this.db.raw('LOWER(environment)') as any,
        window.productionEnvironments.map(env => env.toLowerCase()),
      )
      .orderBy('finished_at');
    const commits = new Map<
      number,
      Array<{ sha: string; committedAt: string }>
    >();
    for (const pks of chunk(
      deploymentRows.map(row => Number(row.pk)),
      500,
    )) {
      const rows = await this.db('deployment_commits').whereIn(
        'deployment_pk',
        pks,
      );
      for (const row of rows) {
        const list = commits.get(Number(row.deployment_pk)) ?? [];
        list.push({
          sha: row.sha,
          committedAt: toIso(Number(row.committed_at)),
        });
        commits.set(Number(row.deployment_pk), list);
      }
    }
    const incidentRows = await this.db('incidents')
      .where('entity_ref', entityRef)
      .where(inner =>
        inner
          .where(opened =>
            opened
              .where('opened_at', '>', window.from - window.attributionWindowMs)
              .where('opened_at', '<=', window.to),
          )
          .orWhere(resolved =>
            resolved
              .where('resolved_at', '>', window.from)
              .where('resolved_at', '<=', window.to),
          ),
      );
    return {
      deployments: deploymentRows.map(row => ({
        id: row.external_id,
        entityRef: row.entity_ref,
        environment: row.environment,
        status: row.status,
        finishedAt: toIso(Number(row.finished_at)),
        commits: commits.get(Number(row.pk)) ?? [],
      })),
      incidents: incidentRows.map(row => ({
        id: row.external_id,
        entityRef: row.entity_ref,
        openedAt: toIso(Number(row.opened_at)),
        resolvedAt:
          row.resolved_at === null ? undefined : toIso(Number(row.resolved_at)),
        deploymentId: row.deployment_id ?? undefined,
      })),
    };
  }
}
