import {
  LifecycleService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ReleaseScorecardStores } from '../database/ReleaseScorecardStores';
import { ScorecardEvaluator } from './ScorecardEvaluator';

const QUEUE_POLL_MS = 1000;
const QUEUE_BATCH = 500;
const MAX_RETRY_DELAY_MS = 5 * 60_000;
/** While data keeps arriving, evaluation waits this long after the last delivery… */
const QUIET_PERIOD_MS = 1000;
/** …but never longer than this after the entity was queued. */
const MAX_EVALUATION_DELAY_MS = 10_000;

/**
 * Decides when scorecards are re-evaluated: soon after new data for an
 * entity arrives (a queue in the database, so a restart loses nothing), when
 * the rules configuration changed since the stored results, and on a schedule
 * for the whole organisation because DORA windows slide with time.
 */
export class EvaluationRunner {
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  /** After a failure, the queue waits before the next attempt, doubling each time. */
  private consecutiveFailures = 0;
  private pausedUntil = 0;
  private lastEvidenceAt = 0;

  constructor(
    private readonly options: {
      evaluator: ScorecardEvaluator;
      stores: Pick<
        ReleaseScorecardStores,
        'scorecardResults' | 'evaluationQueue'
      >;
      scheduler: SchedulerService;
      lifecycle: LifecycleService;
      logger: LoggerService;
      schedule: SchedulerServiceTaskScheduleDefinition;
    },
  ) {}

  async start(): Promise<void> {
    const { evaluator, stores, scheduler, lifecycle, logger, schedule } =
      this.options;

    const stale = await stores.scorecardResults.listEntitiesWithStaleConfig(
      evaluator.configDigest,
    );
    if (stale.length > 0) {
      logger.info(
        `Rules configuration changed: re-evaluating ${stale.length} scorecards`,
      );
      await stores.evaluationQueue.enqueueEvaluation(stale, Date.now());
    }

    await scheduler.scheduleTask({
      id: 'release-scorecard-evaluate-all',
      ...schedule,
      fn: async () => {
        await evaluator.evaluateAll();
      },
    });

    this.timer = setInterval(() => {
      if (Date.now() < this.pausedUntil) {
        return;
      }
      this.draining ??= this.drainQueue().finally(() => {
        this.draining = undefined;
      });
    }, QUEUE_POLL_MS);
    this.timer.unref?.();
    lifecycle.addShutdownHook(async () => {
      clearInterval(this.timer);
      await this.draining;
    });
  }

  /**
   * Tells the runner that evidence just arrived. Evaluation yields to a burst
   * of deliveries (a busy pipeline, a backfill) instead of competing with it
   * for the database, and catches up once it is quiet, or after at most
   * MAX_EVALUATION_DELAY_MS.
   */
  noteEvidenceArrived() {
    this.lastEvidenceAt = Date.now();
  }

  /** Evaluates the queued entities, in rounds, until the queue is empty. */
  async drainQueue(): Promise<void> {
    const { evaluator, stores, logger } = this.options;
    try {
      if (Date.now() - this.lastEvidenceAt < QUIET_PERIOD_MS) {
        const oldest = await stores.evaluationQueue.oldestQueuedEvaluation();
        if (
          oldest === undefined ||
          Date.now() - oldest < MAX_EVALUATION_DELAY_MS
        ) {
          return;
        }
      }
      for (;;) {
        const refs = await stores.evaluationQueue.takeQueuedEvaluations(
          QUEUE_BATCH,
        );
        if (refs.length === 0) {
          return;
        }
        try {
          await evaluator.evaluate(refs);
          this.consecutiveFailures = 0;
        } catch (error) {
          // Put them back: the data arrived, the evaluation must happen.
          await stores.evaluationQueue.enqueueEvaluation(refs, Date.now());
          throw error;
        }
      }
    } catch (error) {
      this.consecutiveFailures += 1;
      const delay = Math.min(
        MAX_RETRY_DELAY_MS,
        QUEUE_POLL_MS * 2 ** this.consecutiveFailures,
      );
      this.pausedUntil = Date.now() + delay;
      logger.warn(
        `Scorecard evaluation failed, retrying in ${Math.round(
          delay / 1000,
        )} s: ${String(error).slice(0, 300)}`,
      );
    }
  }
}
