import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { releaseScorecardEvidenceCollectorsExtensionPoint } from '@internal/plugin-release-scorecard-node';
import { DemoDataSeeder } from './DemoDataSeeder';

const DEFAULT_DAYS = 180;

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
        // task (once per interval across replicas) waits for it, so its first
        // run, right after startup, seeds.
        let handOver: (seeder: DemoDataSeeder) => void = () => {};
        const seeder = new Promise<DemoDataSeeder>(resolve => {
          handOver = resolve;
        });
        collectors.addEvidenceCollector({
          id: 'demo-data',
          async start(context) {
            handOver(
              new DemoDataSeeder({ context, catalog, auth, logger, days }),
            );
          },
        });
        await scheduler.scheduleTask({
          id: 'release-scorecard-demo-data',
          frequency: { hours: 6 },
          timeout: { minutes: 15 },
          fn: async () => (await seeder).run(),
        });
      },
    });
  },
});
