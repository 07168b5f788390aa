import { InputError } from '@backstage/errors';
import Router from 'express-promise-router';
import {
  INCIDENT_STATUSES,
  IncidentStatus,
  releaseScorecardOperationsReadPermission,
} from '@internal/plugin-release-scorecard-common';
import { ReleaseScorecardStores } from '../database/ReleaseScorecardStores';
import { pageOf, queryList, queryString, RequestContext } from './requests';

/** The raw evidence of an entity, and what ingestion could not match. */
export function createEvidenceRoutes(options: {
  requests: RequestContext;
  stores: Pick<
    ReleaseScorecardStores,
    'deployments' | 'pipelineRuns' | 'incidents' | 'ingestDiagnostics'
  >;
  productionEnvironments: string[];
}) {
  const { requests, stores, productionEnvironments } = options;
  const router = Router();

  router.get(
    '/entities/:namespace/:kind/:name/deployments',
    async (req, res) => {
      const { entityRef } = await requests.readableEntityRef(req);
      const environments = queryList(req, 'environment');
      const production = queryString(req, 'production');
      if (production !== undefined && production !== 'true') {
        throw new InputError('production: must be true when given');
      }
      res.json(
        await stores.deployments.listDeployments(entityRef, pageOf(req), {
          // `production=true`: the environments configured as production.
          environments: production ? productionEnvironments : environments,
        }),
      );
    },
  );

  router.get('/entities/:namespace/:kind/:name/pipelines', async (req, res) => {
    const { entityRef } = await requests.readableEntityRef(req);
    res.json(
      await stores.pipelineRuns.listPipelineRuns(entityRef, pageOf(req)),
    );
  });

  router.get('/entities/:namespace/:kind/:name/incidents', async (req, res) => {
    const { entityRef } = await requests.readableEntityRef(req);
    const statuses = queryList(req, 'status');
    const unknownStatus = statuses?.find(
      status => !INCIDENT_STATUSES.includes(status as IncidentStatus),
    );
    if (unknownStatus) {
      throw new InputError(
        `status: must be one of ${INCIDENT_STATUSES.join(', ')}`,
      );
    }
    res.json(
      await stores.incidents.listIncidents(entityRef, pageOf(req), {
        statuses: statuses as IncidentStatus[] | undefined,
      }),
    );
  });

  router.get('/operations/unknown-entities', async (req, res) => {
    await requests.authorize(req, releaseScorecardOperationsReadPermission);
    res.json(await stores.ingestDiagnostics.listUnknownEntityRefs(pageOf(req)));
  });

  router.get('/operations/unmatched-webhook-events', async (req, res) => {
    await requests.authorize(req, releaseScorecardOperationsReadPermission);
    res.json(
      await stores.ingestDiagnostics.listUnmatchedWebhookEvents(pageOf(req)),
    );
  });

  return router;
}
