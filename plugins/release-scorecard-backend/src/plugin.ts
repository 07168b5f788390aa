import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { releaseScorecardPermissions } from '@internal/plugin-release-scorecard-common';
import { DatabaseEvidenceStore } from './database/DatabaseEvidenceStore';
import { DoraQueries } from './database/DoraQueries';
import { FactQueries } from './database/FactQueries';
import { FlagQueries } from './database/FlagQueries';
import { applyDatabaseMigrations } from './database/migrations';
import { ScorecardStore } from './database/ScorecardStore';
import { DemoDataSeeder } from './demo/DemoDataSeeder';
import { readRetentionDays } from './config';
import { readDoraOptions } from './dora';
import { CatalogSync } from './evaluation/CatalogSync';
import { EvaluationRunner } from './evaluation/EvaluationRunner';
import { ScorecardEvaluator } from './evaluation/ScorecardEvaluator';
import { readFlagLifetimes, readFlagProviders } from './flags';
import { FlagProviderSync } from './flags/FlagProviderSync';
import { CatalogEntityResolver } from './ingest/CatalogEntityResolver';
import { IngestService } from './ingest/IngestService';
import { readIngestOptions } from './ingest/readIngestOptions';
import { readScorecardConfig } from './rules';
import { describeCustomGates } from './rules/describeCustomGates';
import { EntityVisibility } from './service/EntityVisibility';
import { scheduleRetention } from './service/retention';
import { createRouter } from './service/router';
import { webhookSources } from './webhooks/sources';

const DEFAULT_EVALUATED_KINDS = ['component'];

/**
 * The Release Scorecard backend plugin: ingestion of deployments, pipeline
 * gates, incidents and flags; DORA metrics; scorecard rules and compliance.
 *
 * @public
 */
export const releaseScorecardPlugin = createBackendPlugin({
  pluginId: 'release-scorecard',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auditor: coreServices.auditor,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, database, httpRouter, auth, catalog } = deps;

        // Read every setting first: a misspelt rule stops the backend here,
        // with a message that names the rule and the field.
        const scorecardConfig = readScorecardConfig(config);
        const customGates = describeCustomGates(scorecardConfig);
        if (customGates) logger.info(customGates);
        const retentionDays = readRetentionDays(config);
        const doraOptions = readDoraOptions(config, retentionDays);
        const flagLifetimesDays = readFlagLifetimes(config);
        const evaluatedKinds = (
          config.getOptionalStringArray('releaseScorecard.evaluation.kinds') ??
          DEFAULT_EVALUATED_KINDS
        ).map(kind => kind.toLocaleLowerCase('en-US'));
        const evaluationSchedule = config.has(
          'releaseScorecard.evaluation.schedule',
        )
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig('releaseScorecard.evaluation.schedule'),
            )
          : {
              frequency: { hours: 1 },
              timeout: { minutes: 30 },
              initialDelay: { seconds: 15 },
            };

        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await applyDatabaseMigrations(knex);
        }
        const evidenceStore = new DatabaseEvidenceStore(knex);
        const scorecardStore = new ScorecardStore(knex);
        const doraQueries = new DoraQueries(knex);

        const evaluator = new ScorecardEvaluator({
          scorecardConfig,
          doraOptions,
          flagLifetimesDays,
          evaluatedKinds,
          store: scorecardStore,
          facts: new FactQueries(knex),
          catalogSync: new CatalogSync(
            catalog,
            auth,
            scorecardStore,
            evaluatedKinds,
          ),
          logger,
        });
        const evaluationRunner = new EvaluationRunner({
          evaluator,
          store: scorecardStore,
          scheduler: deps.scheduler,
          lifecycle: deps.lifecycle,
          logger,
          schedule: evaluationSchedule,
        });
        const ingest = new IngestService({
          store: evidenceStore,
          resolver: new CatalogEntityResolver(catalog, auth),
          logger,
          ...readIngestOptions(config),
          // New evidence re-evaluates the entity soon, off the request path.
          onEvidenceChanged: async refs => {
            await scorecardStore.enqueueEvaluation(refs, Date.now());
            evaluationRunner.noteEvidenceArrived();
          },
        });

        deps.permissionsRegistry.addPermissions(releaseScorecardPermissions);
        await scheduleRetention({ ...deps, store: evidenceStore });
        await evaluationRunner.start();

        if (config.getOptionalBoolean('releaseScorecard.demoData.enabled')) {
          const seeder = new DemoDataSeeder({
            ingest,
            store: evidenceStore,
            catalog,
            auth,
            logger,
            days:
              config.getOptionalNumber('releaseScorecard.demoData.days') ?? 180,
            onSeeded: at => evaluator.evaluateAll(at),
          });
          // Seed once the backend is up (the catalog reads its locations
          // meanwhile), then top up every few hours so the demo stays current.
          deps.lifecycle.addStartupHook(() => {
            seeder
              .run()
              .catch(error => logger.warn(`Demo data failed: ${error}`));
          });
          await deps.scheduler.scheduleTask({
            id: 'release-scorecard-demo-data',
            frequency: { hours: 6 },
            timeout: { minutes: 15 },
            initialDelay: { hours: 6 },
            fn: () => seeder.run(),
          });
        }

        const flagSync = new FlagProviderSync({
          providers: readFlagProviders(config),
          catalog,
          auth,
          store: evidenceStore,
          logger,
          onFlagsChanged: refs =>
            scorecardStore.enqueueEvaluation(refs, Date.now()),
        });
        await flagSync.schedule(deps.scheduler);
        deps.lifecycle.addShutdownHook(() => flagSync.stop());

        httpRouter.use(
          await createRouter({
            ...deps,
            visibility: new EntityVisibility(deps.permissions, catalog, auth),
            evidenceStore,
            scorecardStore,
            doraQueries,
            flagQueries: new FlagQueries(knex),
            flagLifetimesDays,
            ingest,
            evaluator,
            webhookSources,
            scorecardConfig,
            doraOptions,
            evaluatedKinds,
            retentionDays,
          }),
        );
        // Tools cannot hold Backstage credentials: webhook routes check the
        // tool's own signature instead (see webhookRoutes.ts).
        httpRouter.addAuthPolicy({
          path: '/webhooks',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
