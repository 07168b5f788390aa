import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { DoraQueries } from '../database/DoraQueries';
import { FlagQueries } from '../database/FlagQueries';
import { EvidenceStore } from '../database/EvidenceStore';
import { ScorecardStore } from '../database/ScorecardStore';
import { DoraOptions } from '../dora';
import { FlagLifetimesDays } from '../flags';
import { ScorecardEvaluator } from '../evaluation/ScorecardEvaluator';
import { IngestService } from '../ingest/IngestService';
import { ScorecardConfig } from '../rules';
import { WebhookSource } from '../webhooks/types';
import { createComplianceRoutes } from './complianceRoutes';
import { EntityVisibility } from './EntityVisibility';
import { createEvidenceRoutes } from './evidenceRoutes';
import { createFlagRoutes } from './flagRoutes';
import { createIngestRoutes } from './ingestRoutes';
import { RequestContext } from './requests';
import { createScorecardRoutes } from './scorecardRoutes';
import { createWebhookRoutes } from './webhookRoutes';

export interface RouterOptions {
  config: RootConfigService;
  logger: LoggerService;
  auditor: AuditorService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  visibility: EntityVisibility;
  evidenceStore: EvidenceStore;
  scorecardStore: ScorecardStore;
  doraQueries: DoraQueries;
  flagQueries: FlagQueries;
  flagLifetimesDays: FlagLifetimesDays;
  ingest: IngestService;
  evaluator: ScorecardEvaluator;
  webhookSources: WebhookSource[];
  scorecardConfig: ScorecardConfig;
  doraOptions: DoraOptions;
  evaluatedKinds: string[];
}

const DEFAULT_MAX_BODY_SIZE = '5mb';

/** Errors of an unreachable or restarting database, which a retry can cure. */
export function isDatabaseUnavailable(error: any): boolean {
  const code = error?.code;
  const message = String(error?.message ?? '');
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'ETIMEDOUT' ||
    code === 'EPIPE' ||
    code === '57P01' || // admin_shutdown
    code === '57P02' || // crash_shutdown
    code === '57P03' || // cannot_connect_now
    code === '08006' || // connection_failure
    code === '08003' || // connection_does_not_exist
    code === '08001' || // unable to connect
    // Left over after the store's own retries: transient, worth a retry.
    code === '40P01' || // deadlock_detected
    code === '40001' || // serialization_failure
    code === 'SQLITE_BUSY' ||
    message.includes('Timeout acquiring a connection') ||
    message.includes('Connection terminated') ||
    message.includes('terminating connection')
  );
}

/** The plugin's HTTP API; each area of it lives in its own routes module. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { config, logger } = options;
  const maxBodySize =
    config.getOptionalString('releaseScorecard.ingest.maxBodySize') ??
    DEFAULT_MAX_BODY_SIZE;
  const requests = new RequestContext(
    options.httpAuth,
    options.permissions,
    options.catalog,
  );
  const router = Router();

  router.use(createWebhookRoutes({ ...options, maxBodySize }));
  router.use(createIngestRoutes({ ...options, maxBodySize }));
  router.use(express.json({ limit: '100kb' }));
  router.use(
    createEvidenceRoutes({
      requests,
      store: options.evidenceStore,
      productionEnvironments: options.doraOptions.productionEnvironments,
    }),
  );
  router.use(createFlagRoutes({ ...options, requests }));
  router.use(
    createScorecardRoutes({
      ...options,
      requests,
      store: options.scorecardStore,
    }),
  );
  router.use(
    createComplianceRoutes({
      ...options,
      requests,
      store: options.scorecardStore,
    }),
  );

  router.use((error: any, req: Request, _res: Response, next: NextFunction) => {
    if (error?.type === 'entity.parse.failed') {
      next(new InputError(`Body is not valid JSON: ${error.message}`));
    } else if (error?.type === 'entity.too.large') {
      next(
        Object.assign(new InputError(`Body is larger than ${maxBodySize}`), {
          statusCode: 413,
        }),
      );
    } else if (String(error?.code).startsWith('Z_')) {
      // zlib could not inflate a body sent with Content-Encoding gzip or deflate.
      next(
        new InputError(
          `Body is not valid ${req.get(
            'content-encoding',
          )} data; send it uncompressed or compressed as its Content-Encoding says`,
        ),
      );
    } else if (isDatabaseUnavailable(error)) {
      logger.warn(`Database unavailable: ${error.message}`);
      next(
        new ServiceUnavailableError(
          'The database is unavailable; try again shortly',
        ),
      );
    } else {
      next(error);
    }
  });

  return router;
}
