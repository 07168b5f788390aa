import {
  ComplianceRow,
  ComplianceTotals,
  ReadinessStatus,
  RuleStatus,
  RuleStatusChange,
} from '@internal/plugin-release-scorecard-common';
import { PageRequest, StoredPage } from './pagination';

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

/**
 * The compliance view over every evaluated entity: its rows, counts and
 * totals, and the recent changes, all filtered and counted in SQL. Totals of
 * the common filters come from precomputed counts that
 * `refreshComplianceTotals` keeps in step with the results.
 */
export interface ComplianceStore {
  /**
   * Recomputes the precomputed totals of the given owners (all when not
   * given) from the current rule results. Called after evaluations are
   * written; idempotent, so concurrent evaluations converge.
   */
  refreshComplianceTotals(owners?: string[]): Promise<void>;
  /** The matching entities by ref, with their rules and weekly trend at `now`. */
  listCompliance(
    filter: ComplianceFilter,
    page: PageRequest,
    now: number,
  ): Promise<StoredPage<ComplianceRow>>;
  countCompliance(filter: ComplianceFilter): Promise<number>;
  /** Status counts per rule over every entity that matches the filter. */
  totalsPerRule(
    filter: ComplianceFilter,
  ): Promise<Map<string, ComplianceTotals>>;
  /** Status counts per owner, over every rule of the matching entities. */
  totalsPerOwner(
    filter: ComplianceFilter,
  ): Promise<Map<string, ComplianceTotals>>;
  /**
   * Status changes since `since` of the matching entities, newest first.
   * The rule and status filters narrow the changes themselves (changes of
   * that rule, changes to that status), not the entities.
   */
  listRecentChanges(
    filter: ComplianceFilter,
    since: number,
    page: PageRequest,
  ): Promise<StoredPage<RuleStatusChange>>;
}
