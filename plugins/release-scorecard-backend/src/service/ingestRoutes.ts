import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { IngestService } from '../ingest/IngestService';

/** The push API for CI pipelines and scripts: service credentials only. */
export function createIngestRoutes(options: {
  httpAuth: HttpAuthService;
  ingest: IngestService;
  maxBodySize: string;
}) {
  const { httpAuth, ingest, maxBodySize } = options;
  const router = Router();
  router.use('/ingest', express.json({ limit: maxBodySize, strict: true }));

  const ingestRoute =
    (handle: (body: unknown) => Promise<unknown>) =>
    async (req: Request, res: Response) => {
      await httpAuth.credentials(req, { allow: ['service'] });
      if (!req.is('application/json')) {
        throw new InputError('Content-Type must be application/json');
      }
      res.status(202).json(await handle(req.body));
    };

  router.post(
    '/ingest/deployments',
    ingestRoute(body => ingest.ingestDeployments(body)),
  );
  router.post(
    '/ingest/pipelines',
    ingestRoute(body => ingest.ingestPipelineRuns(body)),
  );
  router.post(
    '/ingest/incidents',
    ingestRoute(body => ingest.ingestIncidents(body)),
  );
  router.put(
    '/ingest/flags',
    ingestRoute(body => ingest.ingestFlagSnapshot(body)),
  );
  return router;
}
