import {
  Readiness,
  RuleResult,
  RuleStatusChange,
} from '@internal/plugin-release-scorecard-common';
import { PageRequest, StoredPage } from './pagination';

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

/** The current scorecard of an entity, as stored: its last evaluation. */
export interface StoredScorecard extends Omit<EntityEvaluation, 'evaluatedAt'> {
  evaluatedAt: string;
}

/**
 * The current scorecard of each entity, its rule results, and the history
 * of every change of a rule's status.
 */
export interface ScorecardResultStore {
  /**
   * Replaces the scorecards and rule results of the evaluated entities,
   * keeps when each failing rule started failing, and records each rule
   * whose status changed. Returns how many changed.
   */
  writeEvaluations(evaluations: EntityEvaluation[]): Promise<number>;
  getScorecard(entityRef: string): Promise<StoredScorecard | undefined>;
  /** Entities evaluated with another configuration than `digest`. */
  listEntitiesWithStaleConfig(digest: string): Promise<string[]>;
  /** The status changes of an entity's rules, newest first. */
  listStatusChanges(
    entityRef: string,
    page: PageRequest,
    filter?: { rule?: string },
  ): Promise<StoredPage<RuleStatusChange>>;
}
