/** How many records of each kind a retention round removed. */
export interface RetentionResult {
  deployments: number;
  pipelineRuns: number;
  incidents: number;
}

/** Removes what is older than the retention period. */
export interface RetentionStore {
  /**
   * Removes deployments (with their commits), pipeline runs and incidents
   * whose event time is before `cutoff`, in batches that keep locks short,
   * and the unknown refs and unmatched webhook events last seen before it.
   */
  deleteRecordsOlderThan(cutoff: number): Promise<RetentionResult>;
}
