import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { releaseScorecardPermissions } from '@internal/plugin-release-scorecard-common';
import {
  releaseScorecardEvidenceCollectorsExtensionPoint,
  releaseScorecardFactProvidersExtensionPoint,
  releaseScorecardFlagProvidersExtensionPoint,
  releaseScorecardWebhookSourcesExtensionPoint,
} from '@internal/plugin-release-scorecard-node';
import { readPluginOptions } from './config';
import { applyDatabaseMigrations } from './database/migrations';
import { createDatabaseStores } from './database/ReleaseScorecardStores';
import { CatalogSync } from './evaluation/CatalogSync';
import { EvaluationRunner } from './evaluation/EvaluationRunner';
import { ScorecardEvaluator } from './evaluation/ScorecardEvaluator';
import {
  createExtensionRegistries,
  providedFactDefinitions,
} from './extensions';
import { BUILT_IN_FLAG_PROVIDERS } from './flags';
import { CatalogEntityResolver } from './ingest/CatalogEntityResolver';
import { FlagProviderSync } from './ingest/FlagProviderSync';
import { IngestService } from './ingest/IngestService';
import { describeCustomGates } from './rules/describeCustomGates';
import { EntityVisibility } from './service/EntityVisibility';
import { scheduleRetention } from './service/retention';
import { createRouter } from './service/router';
import { BUILT_IN_WEBHOOK_SOURCES } from './webhooks/sources';

/**
 * The Release Scorecard backend plugin: ingestion of deployments, pipeline
 * gates, incidents and flags; DORA metrics; scorecard rules and compliance.
 * Modules add webhook sources, flag providers and fact providers through the
 * extension points of @internal/plugin-release-scorecard-node.
 *
 * @public
 */
export const releaseScorecardPlugin = createBackendPlugin({
  pluginId: 'release-scorecard',
  register(env) {
    const extensions = createExtensionRegistries();
    env.registerExtensionPoint(releaseScorecardWebhookSourcesExtensionPoint, {
      addWebhookSource: (...sources) =>
        extensions.webhookSources.add(...sources),
    });
    env.registerExtensionPoint(releaseScorecardFlagProvidersExtensionPoint, {
      addFlagProvider: (...providers) =>
        extensions.flagProviders.add(...providers),
    });
    env.registerExtensionPoint(releaseScorecardFactProvidersExtensionPoint, {
      addFactProvider: (...providers) =>
        extensions.factProviders.add(...providers),
    });
    env.registerExtensionPoint(
      releaseScorecardEvidenceCollectorsExtensionPoint,
      {
        addEvidenceCollector: (...collectors) =>
          extensions.evidenceCollectors.add(...collectors),
      },
    );

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

        // The built-in tools, added the way a module adds one.
        extensions.webhookSources.add(...BUILT_IN_WEBHOOK_SOURCES);
        extensions.flagProviders.add(...BUILT_IN_FLAG_PROVIDERS);
        const factProviders = extensions.factProviders.list();
        const options = readPluginOptions(config, {
          flagProviders: extensions.flagProviders.list(),
          providedFacts: providedFactDefinitions(factProviders),
        });
        const customGates = describeCustomGates(options.scorecard);
        if (customGates) {
          logger.info(customGates);
        }

        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await applyDatabaseMigrations(knex);
        }
        const stores = createDatabaseStores(knex);

        const evaluator = new ScorecardEvaluator({
          scorecardConfig: options.scorecard,
          doraOptions: options.dora,
          flagLifetimesDays: options.flagLifetimesDays,
          evaluatedKinds: options.evaluatedKinds,
          flagProviderAnnotations: extensions.flagProviders
            .list()
            .map(provider => provider.annotation),
          factProviders,
          stores,
          catalogSync: new CatalogSync(
            catalog,
            auth,
            stores,
            options.evaluatedKinds,
          ),
          logger,
        });
        const evaluationRunner = new EvaluationRunner({
          evaluator,
          stores,
          scheduler: deps.scheduler,
          lifecycle: deps.lifecycle,
          logger,
          schedule: options.evaluationSchedule,
        });
        const ingest = new IngestService({
          stores,
          resolver: new CatalogEntityResolver(catalog, auth),
          logger,
          ...options.ingest,
          // New evidence re-evaluates the entity soon, off the request path.
          onEvidenceChanged: async refs => {
            await stores.evaluationQueue.enqueueEvaluation(refs, Date.now());
            evaluationRunner.noteEvidenceArrived();
          },
        });

        deps.permissionsRegistry.addPermissions(releaseScorecardPermissions);
        await scheduleRetention({
          ...deps,
          retentionDays: options.retentionDays,
          store: stores.retention,
        });
        await evaluationRunner.start();

        // Collectors (pollers, backfills, demo data) start once the backend
        // is up, the catalog reading its locations meanwhile.
        deps.lifecycle.addStartupHook(async () => {
          for (const collector of extensions.evidenceCollectors.list()) {
            await collector
              .start({
                ingest,
                state: stores.collectorState.forCollector(collector.id),
                evaluateAll: async ({ at } = {}) => {
                  await evaluator.evaluateAll(at?.getTime());
                },
              })
              .catch(error =>
                logger.warn(
                  `Evidence collector ${collector.id} failed to start: ${error}`,
                ),
              );
          }
        });

        const flagSync = new FlagProviderSync({
          providers: options.flagProviders,
          catalog,
          auth,
          store: stores.flags,
          logger,
          onFlagsChanged: refs =>
            stores.evaluationQueue.enqueueEvaluation(refs, Date.now()),
        });
        await flagSync.schedule(deps.scheduler);
        deps.lifecycle.addShutdownHook(() => flagSync.stop());

        httpRouter.use(
          await createRouter({
            ...deps,
            visibility: new EntityVisibility(deps.permissions, catalog, auth),
            stores,
            flagLifetimesDays: options.flagLifetimesDays,
            ingest,
            evaluator,
            webhookSources: extensions.webhookSources.list(),
            providedFacts: providedFactDefinitions(factProviders),
            scorecardConfig: options.scorecard,
            doraOptions: options.dora,
            evaluatedKinds: options.evaluatedKinds,
            retentionDays: options.retentionDays,
            maxBodySize: options.ingest.maxBodySize,
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
