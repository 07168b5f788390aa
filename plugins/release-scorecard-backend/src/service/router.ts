import {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  isError,
  NotAllowedError,
  NotFoundError,
  NotImplementedError,
  NotModifiedError,
  ServiceUnavailableError,
  toError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { randomBytes } from 'crypto';
import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { isDatabaseUnavailable } from '../database/databaseErrors';
import { ReleaseScorecardStores } from '../database/ReleaseScorecardStores';
import { FactDefinition } from '@internal/plugin-release-scorecard-common';
import { DoraOptions } from '../dora';
import { FlagLifetimesDays } from '../flags';
import { ScorecardEvaluator } from '../evaluation/ScorecardEvaluator';
import { IngestService } from '../ingest/IngestService';
import { ScorecardConfig } from '../rules';
import { AnyWebhookSource } from '@internal/plugin-release-scorecard-node';
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
  stores: ReleaseScorecardStores;
  flagLifetimesDays: FlagLifetimesDays;
  ingest: IngestService;
  evaluator: ScorecardEvaluator;
  webhookSources: AnyWebhookSource[];
  scorecardConfig: ScorecardConfig;
  doraOptions: DoraOptions;
  evaluatedKinds: string[];
  retentionDays: number;
  /** Largest push or webhook body, e.g. `5mb`. */
  maxBodySize: string;
  /** Facts that installed fact providers declare. */
  providedFacts: FactDefinition[];
}

/** @backstage/errors' errors, whose messages are written for the caller. */
const CALLER_ERROR_NAMES = new Set(
  [
    InputError,
    AuthenticationError,
    NotAllowedError,
    NotFoundError,
    ConflictError,
    NotModifiedError,
    NotImplementedError,
    ServiceUnavailableError,
  ].map(errorClass => errorClass.name),
);

/** An error meant for the caller: a named HTTP error, or one with a 1xx-4xx status. */
function isCallerError(error: unknown): boolean {
  if (!isError(error)) {
    return false;
  }
  const { statusCode, status } = error as {
    statusCode?: unknown;
    status?: unknown;
  };
  const code = statusCode ?? status;
  return (
    CALLER_ERROR_NAMES.has(error.name) ||
    (typeof code === 'number' &&
      Number.isInteger(code) &&
      code >= 100 &&
      code < 500)
  );
}

/**
 * What the caller is told of an error. Anything but a known HTTP error (a
 * database error of either engine, a knex message with its SQL, a TypeError)
 * becomes "an internal error" with a log id, and the original goes to the
 * log under that id: Backstage's own filter only catches pg's DatabaseError.
 */
export function toCallerError(
  error: unknown,
  context: {
    logger: LoggerService;
    maxBodySize: string;
    contentEncoding?: string;
  },
): unknown {
  const { logger, maxBodySize } = context;
  const cause = error as { type?: unknown; code?: unknown; message?: unknown };
  if (cause?.type === 'entity.parse.failed') {
    return new InputError(`Body is not valid JSON: ${cause.message}`);
  }
  if (cause?.type === 'entity.too.large') {
    return Object.assign(new InputError(`Body is larger than ${maxBodySize}`), {
      statusCode: 413,
    });
  }
  if (String(cause?.code).startsWith('Z_')) {
    // zlib could not inflate a body sent with Content-Encoding gzip or deflate.
    return new InputError(
      `Body is not valid ${context.contentEncoding} data; send it uncompressed or compressed as its Content-Encoding says`,
    );
  }
  if (isDatabaseUnavailable(error)) {
    logger.warn(`Database unavailable: ${cause.message}`);
    return new ServiceUnavailableError(
      'The database is unavailable; try again shortly',
    );
  }
  if (isCallerError(error)) {
    return error;
  }
  const logId = randomBytes(10).toString('hex');
  logger
    .child({ logId })
    .error(
      `Internal error with logId=${logId}`,
      error instanceof Error ? error : toError(error),
    );
  const internal = new Error(`An internal error occurred logId=${logId}`);
  delete internal.stack;
  return internal;
}

/** The plugin's HTTP API; each area of it lives in its own routes module. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { logger, maxBodySize } = options;
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
      stores: options.stores,
      productionEnvironments: options.doraOptions.productionEnvironments,
    }),
  );
  router.use(createFlagRoutes({ ...options, requests }));
  router.use(createScorecardRoutes({ ...options, requests }));
  router.use(createComplianceRoutes({ ...options, requests }));

  router.use(
    (error: unknown, req: Request, _res: Response, next: NextFunction) => {
      next(
        toCallerError(error, {
          logger,
          maxBodySize,
          contentEncoding: req.get('content-encoding'),
        }),
      );
    },
  );

  return router;
}
