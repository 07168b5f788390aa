/**
 * Entities waiting to be re-evaluated because their evidence changed: each
 * entity at most once, with when it was first asked for.
 */
export interface EvaluationQueueStore {
  /** Queues the entities; one already queued keeps its place. */
  enqueueEvaluation(entityRefs: string[], now: number): Promise<void>;
  /** When the longest-waiting entity was queued, if any is. */
  oldestQueuedEvaluation(): Promise<number | undefined>;
  /** Takes up to `limit` queued entities off the queue, oldest request first. */
  takeQueuedEvaluations(limit: number): Promise<string[]>;
}
