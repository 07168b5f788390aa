import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { releaseScorecardEvidenceCollectorsExtensionPoint } from '@internal/plugin-release-scorecard-node';
import { DemoDataSeeder } from './DemoDataSeeder';

const DEFAULT_DAYS = 180;
const TASK_ID = 'release-scorecard-demo-data';

/**
 * Demo data for a local portal: months of consistent history (deployments,
 * pipeline runs with gates, incidents, flags) for the catalog entities that
 * opt in with the `release-scorecard.io/demo-profile` annotation, sent
 * through the push API's ingestion and topped up every six hours.
 *
 * @public
 */
export const releaseScorecardModuleDemoData = createBackendModule({
  pluginId: 'release-scorecard',
  moduleId: 'demo-data',
  register(env) {
    env.registerInit({
      deps: {
        collectors: releaseScorecardEvidenceCollectorsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ collectors, config, logger, scheduler, auth, catalog }) {
        const settings = config.getOptionalConfig('releaseScorecard.demoData');
        if (settings?.getOptionalBoolean('enabled') === false) {
          return;
        }
        const days = settings?.getOptionalNumber('days') ?? DEFAULT_DAYS;
        if (!Number.isInteger(days) || days < 1) {
          throw new Error(
            `Invalid config releaseScorecard.demoData.days: must be a whole number of days ≥ 1, got ${days}`,
          );
        }
        // The plugin hands over its ingestion once the backend is up; the
        // task, scheduled once across replicas, seeds from then on.
        let seeder: DemoDataSeeder | undefined;
        collectors.addEvidenceCollector({
          id: 'demo-data',
          async start(context) {
            seeder = new DemoDataSeeder({
              context,
              catalog,
              auth,
              logger,
              days,
            });
            // Seed now (on one replica), not six hours from now.
            await scheduler
              .triggerTask(TASK_ID)
              .catch(error =>
                logger.debug(`Demo data not triggered: ${error}`),
              );
          },
        });
        await scheduler.scheduleTask({
          id: TASK_ID,
          frequency: { hours: 6 },
          timeout: { minutes: 15 },
          // The first run is triggered once the plugin hands over ingestion.
          initialDelay: { hours: 6 },
          fn: async () => {
            await seeder?.run();
          },
        });
      },
    });
  },
});
