import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import Router from 'express-promise-router';
import {
  EntityScorecard,
  FACT_PATTERNS,
  FactDefinition,
  FIXED_FACTS,
  normalizeEntityRef,
  releaseScorecardEvaluatePermission,
  ruleCoverageOf,
} from '@internal/plugin-release-scorecard-common';
import { ReleaseScorecardStores } from '../database/ReleaseScorecardStores';
import {
  describeDora,
  doraWindowEndingAt,
  DoraOptions,
  emptyDoraEvidence,
  poolDoraEvidence,
  summarizeDora,
  weeklyDoraTrend,
} from '../dora';
import { ScorecardEvaluator } from '../evaluation/ScorecardEvaluator';
import { ScorecardConfig } from '../rules';
import { EntityVisibility, isVisibleIn } from './EntityVisibility';
import {
  pageOf,
  queryNumber,
  queryString,
  queryTime,
  RequestContext,
} from './requests';

const MAX_EVALUATE_REFS = 1000;

/** The entity refs of a `POST /evaluate` body, or 'all' when it names none. */
function parseEvaluateBody(body: unknown): string[] | 'all' {
  const entityRefs = (body as { entityRefs?: unknown } | undefined)?.entityRefs;
  if (entityRefs === undefined) {
    return 'all';
  }
  if (!Array.isArray(entityRefs) || entityRefs.length > MAX_EVALUATE_REFS) {
    throw new InputError(
      `entityRefs: must be an array of at most ${MAX_EVALUATE_REFS} entity refs`,
    );
  }
  return entityRefs.map((ref, index) => {
    const normalized =
      typeof ref === 'string' && ref.length <= 255
        ? normalizeEntityRef(ref)
        : undefined;
    if (!normalized) {
      throw new InputError(
        `entityRefs[${index}]: must be an entity ref such as component:default/payments-api`,
      );
    }
    return normalized;
  });
}

/** Scorecards, DORA metrics, their history, and the rules they come from. */
export function createScorecardRoutes(options: {
  requests: RequestContext;
  auditor: AuditorService;
  logger: LoggerService;
  stores: Pick<
    ReleaseScorecardStores,
    | 'scorecardResults'
    | 'catalogMirror'
    | 'evaluationQueue'
    | 'compliance'
    | 'doraQueries'
  >;
  evaluator: ScorecardEvaluator;
  visibility: EntityVisibility;
  scorecardConfig: ScorecardConfig;
  doraOptions: DoraOptions;
  evaluatedKinds: string[];
  /** Evidence older than this is deleted, so no DORA window may be longer. */
  retentionDays: number;
  /** Facts that installed fact providers declare. */
  providedFacts: FactDefinition[];
}) {
  const {
    requests,
    stores,
    evaluator,
    visibility,
    scorecardConfig,
    doraOptions,
    auditor,
    logger,
  } = options;
  const router = Router();

  /** The DORA window a request asks for; the default window ending now. */
  const windowOf = (req: Parameters<typeof queryTime>[0]) =>
    doraWindowEndingAt(
      queryTime(req, 'to') ?? Date.now(),
      queryNumber(req, 'windowDays', {
        min: 1,
        max: options.retentionDays,
        integer: true,
      }) ?? doraOptions.windowDays,
      doraOptions,
    );

  /** An entity's DORA evidence: what its figures, drill-down and trend rest on. */
  const entityDora = async (req: Parameters<typeof queryTime>[0]) => {
    const { entityRef } = await requests.readableEntityRef(req);
    const window = windowOf(req);
    const evidence = await stores.doraQueries.selectEvidence(
      [entityRef],
      window,
    );
    return {
      entityRef,
      window,
      evidence: evidence.get(entityRef) ?? emptyDoraEvidence(),
    };
  };

  router.get('/entities/:namespace/:kind/:name/scorecard', async (req, res) => {
    const { entityRef } = await requests.readableEntityRef(req);
    let stored = await stores.scorecardResults.getScorecard(entityRef);
    if (!stored) {
      // Not evaluated yet (new in the catalog): evaluate this one entity now.
      await evaluator.evaluate([entityRef]);
      stored = await stores.scorecardResults.getScorecard(entityRef);
    }
    const scorecard: EntityScorecard = stored
      ? {
          entityRef,
          evaluatedAt: stored.evaluatedAt,
          score: stored.score,
          level: stored.level,
          readiness: stored.readiness,
          rules: stored.rules,
          ruleCoverage: ruleCoverageOf(stored.rules.map(rule => rule.status)),
        }
      : {
          entityRef,
          evaluatedAt: null,
          score: null,
          level: null,
          readiness: { status: 'unknown', gates: [], blockers: [] },
          rules: [],
          ruleCoverage: { withData: 0, applicable: 0 },
        };
    res.json(scorecard);
  });

  router.get('/entities/:namespace/:kind/:name/dora', async (req, res) => {
    const { entityRef, window, evidence } = await entityDora(req);
    res.json(
      summarizeDora(
        evidence,
        window,
        { entityRef, entityCount: 1 },
        doraOptions.tiers,
      ),
    );
  });

  router.get(
    '/entities/:namespace/:kind/:name/dora/details',
    async (req, res) => {
      const { entityRef, window, evidence } = await entityDora(req);
      res.json(describeDora(evidence, window, entityRef));
    },
  );

  router.get(
    '/entities/:namespace/:kind/:name/dora/trend',
    async (req, res) => {
      const { entityRef, window, evidence } = await entityDora(req);
      res.json({
        entityRef,
        windowDays: window.windowDays,
        weeks: weeklyDoraTrend(evidence, window),
      });
    },
  );

  router.get('/entities/:namespace/:kind/:name/history', async (req, res) => {
    const { entityRef } = await requests.readableEntityRef(req);
    const rule = queryString(req, 'rule');
    if (rule && !scorecardConfig.rules.some(r => r.id === rule)) {
      throw new InputError(`rule: no rule ${rule}`);
    }
    res.json(
      await stores.scorecardResults.listStatusChanges(entityRef, pageOf(req), {
        rule,
      }),
    );
  });

  router.get('/owners/:namespace/:kind/:name/dora', async (req, res) => {
    const { entityRef: ownerRef, credentials } =
      await requests.readableEntityRef(req);
    const window = windowOf(req);
    const groups = await stores.catalogMirror.expandGroup(ownerRef);
    const visibleToCaller = isVisibleIn(
      await visibility.visibleEntityRefs(credentials, options.evaluatedKinds),
    );
    const owned = (
      await stores.catalogMirror.listOwnedEntityRefs(
        groups,
        options.evaluatedKinds,
      )
    ).filter(visibleToCaller);
    const evidence = await stores.doraQueries.selectEvidence(owned, window);
    res.json(
      summarizeDora(
        poolDoraEvidence(evidence.values()),
        window,
        { ownerRef, entityCount: owned.length },
        doraOptions.tiers,
      ),
    );
  });

  router.get('/rules/facts', async (req, res) => {
    await requests.credentials(req);
    res.json({
      facts: [...FIXED_FACTS, ...options.providedFacts],
      patterns: FACT_PATTERNS,
    });
  });

  // The one action that changes what users see outside ingestion (rules and
  // exemptions are configuration): audited, whether allowed or not.
  router.post('/evaluate', async (req, res) => {
    await requests.credentials(req);
    const auditorEvent = await auditor.createEvent({
      eventId: 'scorecard-evaluate',
      severityLevel: 'medium',
      request: req,
    });
    try {
      await requests.authorize(req, releaseScorecardEvaluatePermission);
      const entityRefs = parseEvaluateBody(req.body);
      if (entityRefs === 'all') {
        evaluator
          .evaluateAll()
          .catch(error =>
            logger.warn(
              `Requested evaluation of all scorecards failed: ${error}`,
            ),
          );
        await auditorEvent.success({ meta: { entityRefs } });
        res.status(202).json({ queued: 'all' });
        return;
      }
      await stores.evaluationQueue.enqueueEvaluation(entityRefs, Date.now());
      await auditorEvent.success({ meta: { entityRefs } });
      res.status(202).json({ queued: entityRefs.length });
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/rules', async (req, res) => {
    const credentials = await requests.credentials(req);
    const visible = await visibility.visibleEntityRefs(
      credentials,
      options.evaluatedKinds,
    );
    const totals = await stores.compliance.totalsPerRule({
      visibleEntityRefs: visible,
    });
    // An exemption names an entity and why it may fail a rule: listed only
    // when the caller may see that entity.
    const visibleToCaller = isVisibleIn(visible);
    const exemptions = scorecardConfig.exemptions.filter(exemption =>
      visibleToCaller(exemption.entity),
    );
    res.json({
      levels: scorecardConfig.levels,
      requiredGates: scorecardConfig.requiredGates,
      rules: scorecardConfig.rules.map(rule => ({
        ...rule,
        exemptions: exemptions.filter(exemption => exemption.rule === rule.id),
        totals: totals.get(rule.id) ?? null,
      })),
    });
  });

  return router;
}
