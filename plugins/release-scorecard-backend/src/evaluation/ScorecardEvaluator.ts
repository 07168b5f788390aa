import { LoggerService } from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';
import { MirroredEntity } from '../database/CatalogMirrorStore';
import { ReleaseScorecardStores } from '../database/ReleaseScorecardStores';
import { EntityEvaluation } from '../database/ScorecardResultStore';
import {
  doraWindowEndingAt,
  DoraOptions,
  emptyDoraEvidence,
  summarizeDora,
} from '../dora';
import { FlagLifetimesDays } from '../flags';
import { FactProvider } from '@internal/plugin-release-scorecard-node';
import { FactValue } from '@internal/plugin-release-scorecard-common';
import { evaluateScorecard, ScorecardConfig } from '../rules';
import { buildFacts, toCatalogEntity } from './buildFacts';
import { CatalogSync } from './CatalogSync';

/**
 * Changes when the evaluation itself changes (what facts mean, how DORA is
 * selected), so that results stored by an earlier version are re-evaluated
 * after an upgrade like after a rule change. 2: gates without a verdict,
 * DORA from one selection.
 */
const EVALUATION_VERSION = 2;
/** Entities evaluated per round: one set of grouped queries, one write transaction per 50. */
const EVALUATION_CHUNK = 500;

export interface ScorecardEvaluatorOptions {
  scorecardConfig: ScorecardConfig;
  doraOptions: DoraOptions;
  flagLifetimesDays: FlagLifetimesDays;
  /** Kinds that get scorecards, in lower case. */
  evaluatedKinds: string[];
  /** The annotations of the installed flag providers. */
  flagProviderAnnotations: string[];
  /** Facts from modules, added to the built-in ones. */
  factProviders?: FactProvider[];
  stores: Pick<
    ReleaseScorecardStores,
    'catalogMirror' | 'scorecardResults' | 'compliance' | 'factQueries'
  >;
  catalogSync: CatalogSync;
  logger: LoggerService;
}

/**
 * Evaluates scorecards and stores them: gathers facts for many entities at
 * once, runs the pure rules engine, and writes results and status changes.
 */
export class ScorecardEvaluator {
  /** Identifies the rules configuration results were computed with. */
  readonly configDigest: string;

  constructor(private readonly options: ScorecardEvaluatorOptions) {
    this.configDigest = createHash('sha256')
      .update(
        JSON.stringify({
          evaluation: EVALUATION_VERSION,
          scorecard: options.scorecardConfig,
          dora: options.doraOptions,
          flags: options.flagLifetimesDays,
          kinds: options.evaluatedKinds,
        }),
      )
      .digest('hex')
      .slice(0, 32);
  }

  /** Evaluates the given entities now; refs the catalog does not know are skipped. */
  async evaluate(
    entityRefs: string[],
    now = Date.now(),
  ): Promise<{ evaluated: number; statusChanges: number }> {
    const { result, owners } = await this.evaluateInChunks(entityRefs, now);
    await this.options.stores.compliance.refreshComplianceTotals([...owners]);
    return result;
  }

  /** Refreshes the catalog copy and re-evaluates every entity of the evaluated kinds. */
  async evaluateAll(now = Date.now()) {
    const started = Date.now();
    const { refreshed, removed } = await this.options.catalogSync.refreshAll(
      now,
    );
    const refs = await this.options.stores.catalogMirror.listCatalogEntityRefs(
      this.options.evaluatedKinds,
    );
    const { result } = await this.evaluateInChunks(refs, now);
    // Owners may have changed in the catalog: recompute every total.
    await this.options.stores.compliance.refreshComplianceTotals();
    this.options.logger.info(
      `Evaluated ${result.evaluated} scorecards in ${
        Date.now() - started
      } ms (${refreshed} catalog entities copied, ${removed.length} removed, ${
        result.statusChanges
      } rule status changes)`,
    );
    return result;
  }

  private async evaluateInChunks(entityRefs: string[], now: number) {
    let evaluated = 0;
    let statusChanges = 0;
    const owners = new Set<string>();
    for (let i = 0; i < entityRefs.length; i += EVALUATION_CHUNK) {
      const refs = entityRefs.slice(i, i + EVALUATION_CHUNK);
      const { evaluations, entities } = await this.evaluateChunk(refs, now);
      statusChanges +=
        await this.options.stores.scorecardResults.writeEvaluations(
          evaluations,
        );
      evaluated += evaluations.length;
      for (const evaluation of evaluations) {
        owners.add(entities.get(evaluation.entityRef)?.owner ?? '');
      }
    }
    return { result: { evaluated, statusChanges }, owners };
  }

  private async evaluateChunk(
    refs: string[],
    now: number,
  ): Promise<{
    evaluations: EntityEvaluation[];
    entities: Map<string, MirroredEntity>;
  }> {
    const {
      catalogSync,
      stores,
      doraOptions,
      scorecardConfig,
      flagLifetimesDays,
      evaluatedKinds,
    } = this.options;
    const entities = await catalogSync.ensure(refs, now);
    const evaluatedRefs = refs.filter(ref =>
      evaluatedKinds.includes(entities.get(ref)?.kind ?? ''),
    );
    const window = doraWindowEndingAt(now, doraOptions.windowDays, doraOptions);
    const [summaries, providedFacts] = await Promise.all([
      stores.factQueries.summarize(evaluatedRefs, {
        now,
        doraWindow: window,
        flagLifetimesDays,
      }),
      this.collectProvidedFacts(
        evaluatedRefs.map(ref => entities.get(ref)!),
        now,
      ),
    ]);
    const evaluations = evaluatedRefs.map(entityRef => {
      const entity = entities.get(entityRef)!;
      const evidence = summaries.get(entityRef)!;
      const dora = summarizeDora(
        evidence.dora ?? emptyDoraEvidence(),
        window,
        { entityRef, entityCount: 1 },
        doraOptions.tiers,
      );
      const entityFacts = {
        ...buildFacts({
          entity,
          evidence,
          dora,
          now,
          flagProviderAnnotations: this.options.flagProviderAnnotations,
        }),
        ...providedFacts.get(entityRef),
      };
      const result = evaluateScorecard({
        entity: toCatalogEntity(entity),
        facts: entityFacts,
        candidateRun: evidence.candidateRun,
        config: scorecardConfig,
        now: new Date(now),
      });
      return {
        entityRef,
        evaluatedAt: now,
        score: result.score,
        level: result.level,
        readiness: result.readiness,
        rules: result.rules,
        facts: entityFacts,
        configDigest: this.configDigest,
      };
    });
    return { evaluations, entities };
  }

  /**
   * The facts of the installed fact providers, by entity. A provider that
   * fails leaves its facts out (rules on them are no-data) and is logged;
   * facts it did not declare are ignored.
   */
  private async collectProvidedFacts(
    entities: MirroredEntity[],
    now: number,
  ): Promise<Map<string, Record<string, FactValue>>> {
    const collected = new Map<string, Record<string, FactValue>>();
    for (const provider of this.options.factProviders ?? []) {
      const declared = new Set(provider.facts.map(fact => fact.name));
      try {
        const facts = await provider.collect(
          entities.map(entity => ({ ...entity })),
          { now: new Date(now) },
        );
        for (const [entityRef, values] of facts) {
          const entityFacts = collected.get(entityRef) ?? {};
          for (const [name, value] of Object.entries(values)) {
            if (declared.has(name) && value !== undefined && value !== null) {
              entityFacts[name] = value;
            }
          }
          collected.set(entityRef, entityFacts);
        }
      } catch (error) {
        this.options.logger.warn(
          `Fact provider ${provider.id} failed; its facts have no data this round: ${error}`,
        );
      }
    }
    return collected;
  }
}
