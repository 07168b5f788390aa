import {
  FactDefinition,
  FactValue,
} from '@internal/plugin-release-scorecard-common';

/** What a fact provider knows of each entity it is asked about. */
export interface FactProviderEntity {
  /** Lower-case ref, e.g. `component:default/payments-api`. */
  entityRef: string;
  kind: string;
  type?: string;
  lifecycle?: string;
  owner?: string;
  system?: string;
  tags: string[];
  annotations: Record<string, string>;
}

/**
 * Facts from an organisation's own data, for rules. The backend asks each
 * provider about up to 500 entities at a time when it evaluates scorecards
 * (when evidence or rules change, never on a page view); rules name the
 * facts the provider declares, and startup refuses a rule that names a fact
 * no one declares.
 *
 * @public
 */
export interface FactProvider {
  /** Unique id, e.g. `cost-insights`. */
  id: string;
  /**
   * The facts it provides, with type and description; `GET /rules/facts`
   * lists them. Names must not collide with built-in facts or another
   * provider's; a prefix of your own (`cost.monthlyUsd`) avoids that.
   */
  facts: FactDefinition[];
  /**
   * The facts of each entity, by entity ref. Leave a fact out where it has
   * no value: a rule on it is then `no-data`, which does not pass. A provider
   * that throws leaves all its facts out for that round; the error is logged.
   */
  collect(
    entities: FactProviderEntity[],
    context: { now: Date },
  ): Promise<Map<string, Record<string, FactValue>>>;
}
