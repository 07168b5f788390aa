import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { RetentionStore } from '../database/RetentionStore';

const DAY_MS = 86_400_000;

/** Removes evidence older than `releaseScorecard.retentionDays`, daily. */
export async function scheduleRetention(options: {
  retentionDays: number;
  logger: LoggerService;
  scheduler: SchedulerService;
  store: RetentionStore;
}) {
  const { retentionDays, logger, scheduler, store } = options;
  await scheduler.scheduleTask({
    id: 'release-scorecard-retention',
    frequency: { hours: 24 },
    timeout: { hours: 1 },
    initialDelay: { minutes: 5 },
    fn: async () => {
      const cutoff = Date.now() - retentionDays * DAY_MS;
      const removed = await store.deleteRecordsOlderThan(cutoff);
      logger.info(
        `Retention removed records older than ${retentionDays} days: ${removed.deployments} deployments, ${removed.pipelineRuns} pipeline runs, ${removed.incidents} incidents`,
      );
    },
  });
}
