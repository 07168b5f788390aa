import { chunk } from './chunk';
import { Knex } from 'knex';
import {
  ComplianceRow,
  ComplianceTotals,
  FailingSince,
  Readiness,
  ReadinessStatus,
  RuleResult,
  RuleStatus,
  RuleStatusChange,
  ruleChangeDirection,
  ruleCoverageOf,
} from '@internal/plugin-release-scorecard-common';
import { decodeKeyCursor, decodePkCursor, encodeCursor } from './pagination';
import { fromDbMillis, toIso } from './time';
import { failingSinceOf, PreviousResult } from '../rules/failingSince';
import { StoredPage } from './EvidenceStore';
import { whereInList } from './whereInList';

/** The catalog fields the scorecard keeps a copy of. */
export interface CatalogEntityRow {
  entityRef: string;
  kind: string;
  type?: string;
  lifecycle?: string;
  owner?: string;
  system?: string;
  parent?: string;
  title?: string;
  tags: string[];
  annotations: Record<string, string>;
}

/** One evaluation of one entity, as the evaluator produces it. */
export interface EntityEvaluation {
  entityRef: string;
  evaluatedAt: number;
  score: number | null;
  level: string | null;
  readiness: Readiness;
  rules: RuleResult[];
  facts: Record<string, unknown>;
  configDigest: string;
}

export interface StoredScorecard {
  entityRef: string;
  evaluatedAt: string;
  score: number | null;
  level: string | null;
  readiness: Readiness;
  rules: RuleResult[];
  facts: Record<string, unknown>;
  configDigest: string;
}

/** Filters of the compliance view; all optional, combined with AND. */
export interface ComplianceFilter {
  /** Owner group refs, already expanded to their sub-groups. */
  owners?: string[];
  kinds?: string[];
  types?: string[];
  lifecycles?: string[];
  systems?: string[];
  /** Only entities whose rule `rule` has `status` (or any rule, without `rule`). */
  rule?: string;
  status?: RuleStatus;
  readiness?: ReadinessStatus;
  /** Only these entities (what the caller may see), when the catalog restricts it. */
  visibleEntityRefs?: string[];
}

const WRITE_CHUNK = 200;
const DAY_MS = 86_400_000;

export function emptyTotals(): ComplianceTotals {
  return {
    pass: 0,
    fail: 0,
    exempt: 0,
    noData: 0,
    notApplicable: 0,
    compliancePercent: null,
  };
}

function addToTotals(
  totals: ComplianceTotals,
  status: RuleStatus,
  count: number,
) {
  switch (status) {
    case 'pass':
      totals.pass += count;
      break;
    case 'fail':
      totals.fail += count;
      break;
    case 'exempt':
      totals.exempt += count;
      break;
    case 'no-data':
      totals.noData += count;
      break;
    default:
      totals.notApplicable += count;
  }
  // A rule without data is not met (docs/scoring.md): it counts.
  const applicable = totals.pass + totals.exempt + totals.fail + totals.noData;
  totals.compliancePercent =
    applicable > 0
      ? Math.round((1000 * (totals.pass + totals.exempt)) / applicable) / 10
      : null;
}

/**
 * Stored evaluation results: what page views and the compliance view read.
 * Writing an evaluation also records each rule whose status changed.
 */
export class ScorecardStore {
  constructor(private readonly db: Knex) {}

  // ---------------------------------------------------------- catalog copy

  async upsertCatalogEntities(
    entities: CatalogEntityRow[],
    now: number,
  ): Promise<void> {
    for (const entityChunk of chunk(entities, WRITE_CHUNK)) {
      await this.db('catalog_entities')
        .insert(
          entityChunk.map(e => ({
            entity_ref: e.entityRef,
            kind: e.kind,
            type: e.type ?? null,
            lifecycle: e.lifecycle ?? null,
            owner: e.owner ?? null,
            system: e.system ?? null,
            parent: e.parent ?? null,
            title: e.title ?? null,
            tags: JSON.stringify(e.tags),
            annotations: JSON.stringify(e.annotations),
            refreshed_at: now,
          })),
        )
        .onConflict('entity_ref')
        .merge();
    }
  }

  /**
   * Forgets entities a full catalog refresh did not see (deleted from the
   * catalog), with their results. Returns the refs removed.
   */
  async removeCatalogEntitiesRefreshedBefore(
    refreshedBefore: number,
  ): Promise<string[]> {
    const gone = (
      await this.db('catalog_entities')
        .where('refreshed_at', '<', refreshedBefore)
        .select('entity_ref')
    ).map(row => row.entity_ref as string);
    for (const refs of chunk(gone, WRITE_CHUNK)) {
      await this.db.transaction(async tx => {
        await tx('rule_results').whereIn('entity_ref', refs).delete();
        await tx('entity_scorecards').whereIn('entity_ref', refs).delete();
        await tx('catalog_entities').whereIn('entity_ref', refs).delete();
      });
    }
    return gone;
  }

  /**
   * Takes the entities the catalog copy holds off the report of refs that
   * data arrived for before the catalog knew them. Returns how many.
   */
  async forgetUnknownEntityRefsInCatalog(): Promise<number> {
    return this.db('unknown_entity_refs')
      .whereIn('entity_ref', this.db('catalog_entities').select('entity_ref'))
      .delete();
  }

  /** The reported unknown refs that the catalog copy does not hold. */
  async listUnknownEntityRefsOutsideCatalog(): Promise<string[]> {
    return this.db('unknown_entity_refs')
      .whereNotIn(
        'entity_ref',
        this.db('catalog_entities').select('entity_ref'),
      )
      .orderBy('entity_ref')
      .pluck('entity_ref');
  }

  async getCatalogEntities(
    entityRefs: string[],
  ): Promise<Map<string, CatalogEntityRow>> {
    const found = new Map<string, CatalogEntityRow>();
    for (const refs of chunk(entityRefs, 500)) {
      for (const row of await this.db('catalog_entities').whereIn(
        'entity_ref',
        refs,
      )) {
        found.set(row.entity_ref, catalogEntityFromRow(row));
      }
    }
    return found;
  }

  /** The group and every group below it, through `spec.parent`. */
  async expandGroup(groupRef: string): Promise<string[]> {
    // A recursive CTE walks down spec.parent links; UNION (not UNION ALL)
    // stops at cycles, should the catalog ever hold one.
    const result = await this.db.raw(
      `WITH RECURSIVE descendants(entity_ref) AS (
         SELECT CAST(? AS VARCHAR(255))
         UNION
         SELECT g.entity_ref FROM catalog_entities g
         JOIN descendants d ON g.parent = d.entity_ref
         WHERE g.kind = 'group'
       )
       SELECT entity_ref FROM descendants`,
      [groupRef],
    );
    // better-sqlite3 returns the rows, pg a result with `rows`.
    const rows: Array<{ entity_ref: string }> = Array.isArray(result)
      ? result
      : result.rows;
    return rows.map(row => row.entity_ref);
  }

  /**
   * Entities owned by any of `owners`, of the evaluated `kinds` only: the
   * copy also holds systems (for filters) and entities of other kinds that
   * data arrived for, and those are not what an owner's roll-up counts.
   */
  async listOwnedEntityRefs(
    owners: string[],
    kinds: string[],
  ): Promise<string[]> {
    return this.db('catalog_entities')
      .modify(query => whereInList(query, 'owner', owners))
      .whereIn('kind', kinds)
      .orderBy('entity_ref')
      .pluck('entity_ref');
  }

  async listCatalogEntityRefs(kinds: string[]): Promise<string[]> {
    const rows = await this.db('catalog_entities')
      .whereIn('kind', kinds)
      .orderBy('entity_ref')
      .select('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  // ----------------------------------------------------------- evaluations

  async writeEvaluations(evaluations: EntityEvaluation[]): Promise<number> {
    let changes = 0;
    for (const evaluationChunk of chunk(evaluations, 50)) {
      changes += await this.db.transaction(async tx => {
        const refs = evaluationChunk.map(e => e.entityRef);
        const previous = new Map<string, PreviousResult>();
        for (const row of await tx('rule_results')
          .whereIn('entity_ref', refs)
          .select(
            'entity_ref',
            'rule_id',
            'status',
            'failing_since',
            'failing_since_first_evaluation',
          )) {
          previous.set(`${row.entity_ref}\u0000${row.rule_id}`, {
            status: row.status,
            failingSince: fromDbMillis(row.failing_since),
            firstEvaluation: Boolean(row.failing_since_first_evaluation),
          });
        }
        const statusChanges: Array<Record<string, unknown>> = [];
        const ruleRows: Array<Record<string, unknown>> = [];
        for (const evaluation of evaluationChunk) {
          for (const rule of evaluation.rules) {
            const before = previous.get(
              `${evaluation.entityRef}\u0000${rule.id}`,
            );
            if (before?.status !== rule.status) {
              statusChanges.push({
                entity_ref: evaluation.entityRef,
                rule_id: rule.id,
                from_status: before?.status ?? null,
                to_status: rule.status,
                changed_at: evaluation.evaluatedAt,
              });
            }
            const failing = failingSinceOf(
              before,
              rule.status,
              evaluation.evaluatedAt,
            );
            const result: RuleResult = failing
              ? {
                  ...rule,
                  failingSince: {
                    at: toIso(failing.at),
                    firstEvaluation: failing.firstEvaluation,
                  },
                }
              : rule;
            ruleRows.push({
              entity_ref: evaluation.entityRef,
              rule_id: rule.id,
              status: rule.status,
              detail: JSON.stringify(result),
              evaluated_at: evaluation.evaluatedAt,
              failing_since: failing?.at ?? null,
              failing_since_first_evaluation: failing?.firstEvaluation ?? false,
            });
          }
        }
        // Rules removed from the configuration disappear from the results.
        await tx('rule_results').whereIn('entity_ref', refs).delete();
        for (const rows of chunk(ruleRows, WRITE_CHUNK)) {
          await tx('rule_results').insert(rows);
        }
        for (const rows of chunk(statusChanges, WRITE_CHUNK)) {
          await tx('rule_status_changes').insert(rows);
        }
        await tx('entity_scorecards')
          .insert(
            evaluationChunk.map(e => ({
              entity_ref: e.entityRef,
              evaluated_at: e.evaluatedAt,
              score: e.score,
              level: e.level,
              readiness: e.readiness.status,
              readiness_detail: JSON.stringify(e.readiness),
              facts: JSON.stringify(e.facts),
              config_digest: e.configDigest,
            })),
          )
          .onConflict('entity_ref')
          .merge();
        return statusChanges.length;
      });
    }
    return changes;
  }

  async getScorecard(entityRef: string): Promise<StoredScorecard | undefined> {
    const row = await this.db('entity_scorecards')
      .where({ entity_ref: entityRef })
      .first();
    if (!row) {
      return undefined;
    }
    const rules = await this.db('rule_results')
      .where({ entity_ref: entityRef })
      .select('detail');
    return {
      entityRef,
      evaluatedAt: toIso(Number(row.evaluated_at)),
      score: row.score === null ? null : Number(row.score),
      level: row.level,
      readiness: JSON.parse(row.readiness_detail),
      rules: rules.map(r => JSON.parse(r.detail) as RuleResult),
      facts: JSON.parse(row.facts),
      configDigest: row.config_digest,
    };
  }

  /** Entities evaluated with another configuration than `digest`. */
  async listEntitiesWithStaleConfig(digest: string): Promise<string[]> {
    const rows = await this.db('entity_scorecards')
      .whereNot('config_digest', digest)
      .select('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  async listStatusChanges(
    entityRef: string,
    page: { limit: number; cursor?: string },
    filter: { rule?: string } = {},
  ): Promise<StoredPage<RuleStatusChange>> {
    const cursor = decodePkCursor(page.cursor);
    const rows = await this.db('rule_status_changes')
      .where({ entity_ref: entityRef })
      .modify(query => {
        if (filter.rule) {
          query.where('rule_id', filter.rule);
        }
        if (cursor) {
          query.where('pk', '<', cursor.pk);
        }
      })
      .orderBy('pk', 'desc')
      .limit(page.limit + 1);
    return {
      items: rows.slice(0, page.limit).map(statusChangeFromRow),
      nextCursor:
        rows.length > page.limit
          ? encodeCursor({ after: 0, pk: Number(rows[page.limit - 1].pk) })
          : undefined,
    };
  }

  // ------------------------------------------------------- evaluation queue

  async enqueueEvaluation(entityRefs: string[], now: number): Promise<void> {
    // Sorted: concurrent requests then insert (and lock) the same rows in the
    // same order, so that two of them cannot deadlock on PostgreSQL.
    const refs = [...new Set(entityRefs)].sort();
    for (const refChunk of chunk(refs, WRITE_CHUNK)) {
      await this.db('evaluation_queue')
        .insert(refChunk.map(entity_ref => ({ entity_ref, requested_at: now })))
        .onConflict('entity_ref')
        .ignore();
    }
  }

  /** When the longest-waiting entity was queued, if any is. */
  async oldestQueuedEvaluation(): Promise<number | undefined> {
    const [row] = await this.db('evaluation_queue').min({
      oldest: 'requested_at',
    });
    return row?.oldest === null || row?.oldest === undefined
      ? undefined
      : Number(row.oldest);
  }

  /** Takes up to `limit` queued entities off the queue, oldest request first. */
  async takeQueuedEvaluations(limit: number): Promise<string[]> {
    return this.db.transaction(async tx => {
      const rows = await tx('evaluation_queue')
        .orderBy('requested_at')
        .limit(limit)
        .select('entity_ref');
      const refs = rows.map(row => row.entity_ref as string);
      if (refs.length > 0) {
        await tx('evaluation_queue').whereIn('entity_ref', refs).delete();
      }
      return refs;
    });
  }

  // -------------------------------------------------------------- compliance

  private filteredEntities(filter: ComplianceFilter) {
    return this.db('catalog_entities as ce')
      .join('entity_scorecards as es', 'es.entity_ref', 'ce.entity_ref')
      .modify(query => {
        if (filter.owners) {
          whereInList(query, 'ce.owner', filter.owners);
        }
        if (filter.kinds) {
          query.whereIn('ce.kind', filter.kinds);
        }
        if (filter.types) {
          query.whereIn('ce.type', filter.types);
        }
        if (filter.lifecycles) {
          query.whereIn('ce.lifecycle', filter.lifecycles);
        }
        if (filter.systems) {
          whereInList(query, 'ce.system', filter.systems);
        }
        if (filter.readiness) {
          query.where('es.readiness', filter.readiness);
        }
        if (filter.visibleEntityRefs) {
          whereInList(query, 'ce.entity_ref', filter.visibleEntityRefs);
        }
        if (filter.rule || filter.status) {
          query.whereExists(
            this.db('rule_results as fr')
              .whereRaw('fr.entity_ref = ce.entity_ref')
              .modify(inner => {
                if (filter.rule) {
                  inner.where('fr.rule_id', filter.rule);
                }
                if (filter.status) {
                  inner.where('fr.status', filter.status);
                }
              })
              .select(this.db.raw('1')),
          );
        }
      });
  }

  async listCompliance(
    filter: ComplianceFilter,
    page: { limit: number; cursor?: string },
    now: number,
  ): Promise<StoredPage<ComplianceRow>> {
    const cursor = decodeKeyCursor(page.cursor);
    const rows: Array<Record<string, any>> = await this.filteredEntities(filter)
      .modify(query => {
        if (cursor) {
          query.where('ce.entity_ref', '>', cursor.after);
        }
      })
      .orderBy('ce.entity_ref')
      .limit(page.limit + 1)
      .select(
        'ce.entity_ref',
        'ce.kind',
        'ce.type',
        'ce.lifecycle',
        'ce.owner',
        'ce.system',
        'ce.title',
        'es.score',
        'es.level',
        'es.readiness',
        'es.evaluated_at',
      );
    const pageRows = rows.slice(0, page.limit);
    const refs = pageRows.map(row => row.entity_ref as string);
    const rulesByEntity = new Map<string, Record<string, RuleStatus>>();
    const failingByEntity = new Map<string, Record<string, FailingSince>>();
    if (refs.length > 0) {
      for (const row of await this.db('rule_results')
        .whereIn('entity_ref', refs)
        .select(
          'entity_ref',
          'rule_id',
          'status',
          'failing_since',
          'failing_since_first_evaluation',
        )) {
        const rules = rulesByEntity.get(row.entity_ref) ?? {};
        rules[row.rule_id] = row.status;
        rulesByEntity.set(row.entity_ref, rules);
        if (row.failing_since !== null) {
          const failing = failingByEntity.get(row.entity_ref) ?? {};
          failing[row.rule_id] = {
            at: toIso(Number(row.failing_since)),
            firstEvaluation: Boolean(row.failing_since_first_evaluation),
          };
          failingByEntity.set(row.entity_ref, failing);
        }
      }
    }
    const trends = await this.weeklyTrends(refs, rulesByEntity, now);
    return {
      items: pageRows.map(row => ({
        entityRef: row.entity_ref,
        title: row.title ?? undefined,
        kind: row.kind,
        type: row.type ?? undefined,
        lifecycle: row.lifecycle ?? undefined,
        owner: row.owner ?? undefined,
        system: row.system ?? undefined,
        score: row.score === null ? null : Number(row.score),
        level: row.level,
        readiness: row.readiness,
        rules: rulesByEntity.get(row.entity_ref) ?? {},
        failingSince: failingByEntity.get(row.entity_ref) ?? {},
        ruleCoverage: ruleCoverageOf(
          Object.values(rulesByEntity.get(row.entity_ref) ?? {}),
        ),
        regressions: trends.get(row.entity_ref)?.regressions ?? [],
        improvements: trends.get(row.entity_ref)?.improvements ?? [],
        evaluatedAt: toIso(Number(row.evaluated_at)),
      })),
      nextCursor:
        rows.length > page.limit
          ? encodeCursor({
              after: pageRows[pageRows.length - 1].entity_ref,
              pk: 0,
            })
          : undefined,
    };
  }

  /**
   * Which rules of each entity got worse or better over the last 7 days: the
   * status a week ago (the `from` of the first change since) against now.
   */
  private async weeklyTrends(
    entityRefs: string[],
    currentStatuses: Map<string, Record<string, RuleStatus>>,
    now: number,
  ) {
    const trends = new Map<
      string,
      { regressions: string[]; improvements: string[] }
    >();
    if (entityRefs.length === 0) {
      return trends;
    }
    const changes = await this.db('rule_status_changes')
      .whereIn('entity_ref', entityRefs)
      .where('changed_at', '>', now - 7 * DAY_MS)
      .orderBy('pk')
      .select('entity_ref', 'rule_id', 'from_status', 'to_status');
    // The status at the start of the week: what the first change since
    // changed from, or, for an entity first evaluated this week, what its
    // first evaluation found.
    const weekAgo = new Map<string, RuleStatus>();
    for (const change of changes) {
      const key = `${change.entity_ref}\u0000${change.rule_id}`;
      if (!weekAgo.has(key)) {
        weekAgo.set(key, change.from_status ?? change.to_status);
      }
    }
    for (const [key, before] of weekAgo) {
      const [entityRef, ruleId] = key.split('\u0000');
      const current = currentStatuses.get(entityRef)?.[ruleId];
      if (current === undefined) {
        continue; // the rule was removed from the configuration
      }
      const trend = trends.get(entityRef) ?? {
        regressions: [],
        improvements: [],
      };
      const direction = ruleChangeDirection(before, current);
      if (direction === 'worse') {
        trend.regressions.push(ruleId);
      } else if (direction === 'better') {
        trend.improvements.push(ruleId);
      }
      trends.set(entityRef, trend);
    }
    return trends;
  }

  async countCompliance(filter: ComplianceFilter): Promise<number> {
    const [row] = await this.filteredEntities(filter).count({ n: '*' });
    return Number(row.n);
  }

  /**
   * Recomputes the precomputed totals of the given owners (all when not
   * given) from the current rule results. Called after evaluations are
   * written; idempotent, so concurrent evaluations converge.
   */
  async refreshComplianceTotals(owners?: string[]): Promise<void> {
    const ownerKey = "COALESCE(ce.owner, '')";
    const aggregate = (tx: Knex.Transaction, ownerChunk?: string[]) =>
      tx.raw(
        `INSERT INTO compliance_totals (owner, kind, type, lifecycle, rule_id, status, entities)
         SELECT ${ownerKey}, ce.kind, COALESCE(ce.type, ''), COALESCE(ce.lifecycle, ''),
                rr.rule_id, rr.status, COUNT(*)
         FROM rule_results rr
         JOIN catalog_entities ce ON ce.entity_ref = rr.entity_ref
         ${
           ownerChunk
             ? `WHERE ${ownerKey} IN (${ownerChunk.map(() => '?').join(', ')})`
             : ''
         }
         GROUP BY ${ownerKey}, ce.kind, COALESCE(ce.type, ''), COALESCE(ce.lifecycle, ''),
                  rr.rule_id, rr.status`,
        ownerChunk ?? [],
      );
    await this.db.transaction(async tx => {
      if (!owners) {
        await tx('compliance_totals').delete();
        await aggregate(tx);
        return;
      }
      for (const ownerChunk of chunk(
        [...new Set(owners.map(owner => owner ?? ''))],
        500,
      )) {
        await tx('compliance_totals').whereIn('owner', ownerChunk).delete();
        await aggregate(tx, ownerChunk);
      }
    });
  }

  /**
   * Whether the filter only narrows by what the precomputed totals are
   * grouped by (owner, kind, type, lifecycle). Other filters, and callers
   * who may only see part of the catalog, are counted from the rule results.
   */
  private hasPrecomputedTotals(filter: ComplianceFilter): boolean {
    return !(
      filter.systems ||
      filter.readiness ||
      filter.rule ||
      filter.status ||
      filter.visibleEntityRefs
    );
  }

  private precomputedTotals(filter: ComplianceFilter) {
    return this.db('compliance_totals').modify(query => {
      if (filter.owners) {
        whereInList(query, 'owner', filter.owners);
      }
      if (filter.kinds) {
        query.whereIn('kind', filter.kinds);
      }
      if (filter.types) {
        query.whereIn('type', filter.types);
      }
      if (filter.lifecycles) {
        query.whereIn('lifecycle', filter.lifecycles);
      }
    });
  }

  /** Status counts per rule over every entity that matches the filter. */
  async totalsPerRule(
    filter: ComplianceFilter,
  ): Promise<Map<string, ComplianceTotals>> {
    const rows: Array<{
      rule_id: string;
      status: RuleStatus;
      n: number | string;
    }> = this.hasPrecomputedTotals(filter)
      ? await this.precomputedTotals(filter)
          .groupBy('rule_id', 'status')
          .select('rule_id', 'status', this.db.raw('SUM(entities) AS n'))
      : await this.filteredEntities({
          ...filter,
          rule: undefined,
          status: undefined,
        })
          .modify(query => {
            if (filter.rule || filter.status) {
              query.whereIn(
                'ce.entity_ref',
                this.filteredEntities(filter).select('ce.entity_ref'),
              );
            }
          })
          .join('rule_results as rr', 'rr.entity_ref', 'ce.entity_ref')
          .groupBy('rr.rule_id', 'rr.status')
          .select('rr.rule_id', 'rr.status', this.db.raw('COUNT(*) AS n'));
    const totals = new Map<string, ComplianceTotals>();
    for (const row of rows) {
      const ruleTotals = totals.get(row.rule_id) ?? emptyTotals();
      addToTotals(ruleTotals, row.status, Number(row.n));
      totals.set(row.rule_id, ruleTotals);
    }
    return totals;
  }

  /** Status counts per owner, over every rule of the matching entities. */
  async totalsPerOwner(
    filter: ComplianceFilter,
  ): Promise<Map<string, ComplianceTotals>> {
    const rows: Array<{
      owner: string | null;
      status: RuleStatus;
      n: number | string;
    }> = this.hasPrecomputedTotals(filter)
      ? await this.precomputedTotals(filter)
          .groupBy('owner', 'status')
          .select('owner', 'status', this.db.raw('SUM(entities) AS n'))
      : await this.filteredEntities(filter)
          .join('rule_results as rr', 'rr.entity_ref', 'ce.entity_ref')
          .groupBy('ce.owner', 'rr.status')
          .select('ce.owner', 'rr.status', this.db.raw('COUNT(*) AS n'));
    const totals = new Map<string, ComplianceTotals>();
    for (const row of rows) {
      const owner = row.owner || 'unowned';
      const ownerTotals = totals.get(owner) ?? emptyTotals();
      addToTotals(ownerTotals, row.status, Number(row.n));
      totals.set(owner, ownerTotals);
    }
    return totals;
  }

  /**
   * Recent status changes of the matching entities, newest first. The rule
   * and status filters narrow the changes themselves (changes of that rule,
   * changes to that status), not the entities.
   */
  async listRecentChanges(
    filter: ComplianceFilter,
    since: number,
    page: { limit: number; cursor?: string },
  ): Promise<StoredPage<RuleStatusChange>> {
    const cursor = decodePkCursor(page.cursor);
    const rows = await this.db('rule_status_changes as c')
      .whereIn(
        'c.entity_ref',
        this.filteredEntities({
          ...filter,
          rule: undefined,
          status: undefined,
        }).select('ce.entity_ref'),
      )
      .where('c.changed_at', '>', since)
      .whereNotNull('c.from_status')
      .modify(query => {
        if (filter.rule) {
          query.where('c.rule_id', filter.rule);
        }
        if (filter.status) {
          query.where('c.to_status', filter.status);
        }
        if (cursor) {
          query.where('c.pk', '<', cursor.pk);
        }
      })
      .orderBy('c.pk', 'desc')
      .limit(page.limit + 1)
      .select('c.*');
    return {
      items: rows.slice(0, page.limit).map(statusChangeFromRow),
      nextCursor:
        rows.length > page.limit
          ? encodeCursor({ after: 0, pk: Number(rows[page.limit - 1].pk) })
          : undefined,
    };
  }
}

function catalogEntityFromRow(row: Record<string, any>): CatalogEntityRow {
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    type: row.type ?? undefined,
    lifecycle: row.lifecycle ?? undefined,
    owner: row.owner ?? undefined,
    system: row.system ?? undefined,
    parent: row.parent ?? undefined,
    title: row.title ?? undefined,
    tags: row.tags ? JSON.parse(row.tags) : [],
    annotations: row.annotations ? JSON.parse(row.annotations) : {},
  };
}

function statusChangeFromRow(row: Record<string, any>): RuleStatusChange {
  return {
    entityRef: row.entity_ref,
    ruleId: row.rule_id,
    from: row.from_status,
    to: row.to_status,
    changedAt: toIso(Number(row.changed_at)),
  };
}
