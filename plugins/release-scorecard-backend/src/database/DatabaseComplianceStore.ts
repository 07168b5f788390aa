import { Knex } from 'knex';
import {
  ComplianceRow,
  ComplianceTotals,
  FailingSince,
  RuleStatus,
  RuleStatusChange,
  ruleChangeDirection,
  ruleCoverageOf,
} from '@internal/plugin-release-scorecard-common';
import {
  addToComplianceTotals,
  emptyComplianceTotals,
} from '../rules/complianceTotals';
import { chunk } from './chunk';
import { ComplianceFilter, ComplianceStore } from './ComplianceStore';
import {
  decodeKeyCursor,
  decodePkCursor,
  encodeCursor,
  nextPkCursor,
  PageRequest,
  StoredPage,
} from './pagination';
import {
  CatalogEntityRow,
  DbBigInt,
  EntityScorecardRow,
  RULE_STATUS_COLUMNS,
  ruleStatusChangeFromRow,
  RuleStatusChangeRow,
  RuleStatusRow,
} from './rows';
import { toIso } from './time';
import { whereInList } from './whereInList';

const DAY_MS = 86_400_000;
/** Owners whose precomputed totals one DELETE and INSERT recompute. */
const OWNER_CHUNK = 500;

/** A row of the compliance page: the entity's catalog copy and its scorecard. */
type ComplianceEntityRow = Pick<
  CatalogEntityRow,
  'entity_ref' | 'kind' | 'type' | 'lifecycle' | 'owner' | 'system' | 'title'
> &
  Pick<EntityScorecardRow, 'score' | 'level' | 'readiness' | 'evaluated_at'>;

/** How many results of a status one group (a rule, an owner) has. */
interface StatusCountRow {
  status: RuleStatus;
  n: DbBigInt;
}

/** Adds each row's count to the totals of its group. */
function totalsByGroup<T extends StatusCountRow>(
  rows: T[],
  groupOf: (row: T) => string,
): Map<string, ComplianceTotals> {
  const totals = new Map<string, ComplianceTotals>();
  for (const row of rows) {
    const group = groupOf(row);
    const groupTotals = totals.get(group) ?? emptyComplianceTotals();
    addToComplianceTotals(groupTotals, row.status, Number(row.n));
    totals.set(group, groupTotals);
  }
  return totals;
}

export class DatabaseComplianceStore implements ComplianceStore {
  constructor(private readonly db: Knex) {}

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
        OWNER_CHUNK,
      )) {
        await tx('compliance_totals').whereIn('owner', ownerChunk).delete();
        await aggregate(tx, ownerChunk);
      }
    });
  }

  async listCompliance(
    filter: ComplianceFilter,
    page: PageRequest,
    now: number,
  ): Promise<StoredPage<ComplianceRow>> {
    const cursor = decodeKeyCursor(page.cursor);
    const rows: ComplianceEntityRow[] = await this.filteredEntities(filter)
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
    const refs = pageRows.map(row => row.entity_ref);
    const rulesByEntity = new Map<string, Record<string, RuleStatus>>();
    const failingByEntity = new Map<string, Record<string, FailingSince>>();
    if (refs.length > 0) {
      const results: RuleStatusRow[] = await this.db('rule_results')
        .whereIn('entity_ref', refs)
        .select(RULE_STATUS_COLUMNS);
      for (const row of results) {
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

  async countCompliance(filter: ComplianceFilter): Promise<number> {
    const [row]: Array<{ n: DbBigInt }> = await this.filteredEntities(
      filter,
    ).count({ n: '*' });
    return Number(row.n);
  }

  async totalsPerRule(
    filter: ComplianceFilter,
  ): Promise<Map<string, ComplianceTotals>> {
    const rows: Array<StatusCountRow & { rule_id: string }> =
      this.hasPrecomputedTotals(filter)
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
    return totalsByGroup(rows, row => row.rule_id);
  }

  async totalsPerOwner(
    filter: ComplianceFilter,
  ): Promise<Map<string, ComplianceTotals>> {
    const rows: Array<StatusCountRow & { owner: string | null }> =
      this.hasPrecomputedTotals(filter)
        ? await this.precomputedTotals(filter)
            .groupBy('owner', 'status')
            .select('owner', 'status', this.db.raw('SUM(entities) AS n'))
        : await this.filteredEntities(filter)
            .join('rule_results as rr', 'rr.entity_ref', 'ce.entity_ref')
            .groupBy('ce.owner', 'rr.status')
            .select('ce.owner', 'rr.status', this.db.raw('COUNT(*) AS n'));
    return totalsByGroup(rows, row => row.owner || 'unowned');
  }

  async listRecentChanges(
    filter: ComplianceFilter,
    since: number,
    page: PageRequest,
  ): Promise<StoredPage<RuleStatusChange>> {
    const cursor = decodePkCursor(page.cursor);
    const rows: RuleStatusChangeRow[] = await this.db(
      'rule_status_changes as c',
    )
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
      items: rows.slice(0, page.limit).map(ruleStatusChangeFromRow),
      nextCursor: nextPkCursor(rows, page.limit),
    };
  }

  /** The evaluated entities (`ce` with their scorecard `es`) that match the filter. */
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
    const changes: Array<
      Pick<
        RuleStatusChangeRow,
        'entity_ref' | 'rule_id' | 'from_status' | 'to_status'
      >
    > = await this.db('rule_status_changes')
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
}
