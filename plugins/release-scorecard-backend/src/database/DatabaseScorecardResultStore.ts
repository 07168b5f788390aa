import { Knex } from 'knex';
import {
  RuleResult,
  RuleStatusChange,
} from '@internal/plugin-release-scorecard-common';
import { failingSinceOf, PreviousResult } from '../rules/failingSince';
import { chunk } from './chunk';
import {
  decodePkCursor,
  nextPkCursor,
  PageRequest,
  StoredPage,
} from './pagination';
import {
  EntityScorecardRow,
  RULE_STATUS_COLUMNS,
  RuleResultRow,
  ruleStatusChangeFromRow,
  RuleStatusChangeRow,
  RuleStatusRow,
} from './rows';
import {
  EntityEvaluation,
  ScorecardResultStore,
  StoredScorecard,
} from './ScorecardResultStore';
import { fromDbMillis, toIso } from './time';

/** Rows per INSERT. */
const WRITE_CHUNK = 200;
/** Entities whose evaluations one transaction writes. */
const EVALUATIONS_PER_TRANSACTION = 50;

export class DatabaseScorecardResultStore implements ScorecardResultStore {
  constructor(private readonly db: Knex) {}

  async writeEvaluations(evaluations: EntityEvaluation[]): Promise<number> {
    let changes = 0;
    for (const evaluationChunk of chunk(
      evaluations,
      EVALUATIONS_PER_TRANSACTION,
    )) {
      changes += await this.db.transaction(async tx => {
        const refs = evaluationChunk.map(e => e.entityRef);
        const previous = new Map<string, PreviousResult>();
        const previousRows: RuleStatusRow[] = await tx('rule_results')
          .whereIn('entity_ref', refs)
          .select(RULE_STATUS_COLUMNS);
        for (const row of previousRows) {
          previous.set(`${row.entity_ref}\u0000${row.rule_id}`, {
            status: row.status,
            failingSince: fromDbMillis(row.failing_since),
            firstEvaluation: Boolean(row.failing_since_first_evaluation),
          });
        }
        const statusChanges: Array<Omit<RuleStatusChangeRow, 'pk'>> = [];
        const ruleRows: RuleResultRow[] = [];
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
            evaluationChunk.map(
              (e): EntityScorecardRow => ({
                entity_ref: e.entityRef,
                evaluated_at: e.evaluatedAt,
                score: e.score,
                level: e.level,
                readiness: e.readiness.status,
                readiness_detail: JSON.stringify(e.readiness),
                facts: JSON.stringify(e.facts),
                config_digest: e.configDigest,
              }),
            ),
          )
          .onConflict('entity_ref')
          .merge();
        return statusChanges.length;
      });
    }
    return changes;
  }

  async getScorecard(entityRef: string): Promise<StoredScorecard | undefined> {
    const row: EntityScorecardRow | undefined = await this.db(
      'entity_scorecards',
    )
      .where({ entity_ref: entityRef })
      .first();
    if (!row) {
      return undefined;
    }
    const details: string[] = await this.db('rule_results')
      .where({ entity_ref: entityRef })
      .pluck('detail');
    return {
      entityRef,
      evaluatedAt: toIso(Number(row.evaluated_at)),
      score: row.score === null ? null : Number(row.score),
      level: row.level,
      readiness: JSON.parse(row.readiness_detail),
      rules: details.map(detail => JSON.parse(detail) as RuleResult),
      facts: JSON.parse(row.facts),
      configDigest: row.config_digest,
    };
  }

  async listEntitiesWithStaleConfig(digest: string): Promise<string[]> {
    return this.db('entity_scorecards')
      .whereNot('config_digest', digest)
      .pluck('entity_ref');
  }

  async listStatusChanges(
    entityRef: string,
    page: PageRequest,
    filter: { rule?: string } = {},
  ): Promise<StoredPage<RuleStatusChange>> {
    const cursor = decodePkCursor(page.cursor);
    const rows: RuleStatusChangeRow[] = await this.db('rule_status_changes')
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
      items: rows.slice(0, page.limit).map(ruleStatusChangeFromRow),
      nextCursor: nextPkCursor(rows, page.limit),
    };
  }
}
