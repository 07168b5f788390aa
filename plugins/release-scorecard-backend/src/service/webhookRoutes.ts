import {
  AuditorService,
  AuditorServiceEvent,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { IngestService } from '../ingest/IngestService';
import {
  WebhookRequest,
  WebhookSource,
} from '@internal/plugin-release-scorecard-node';

/**
 * The source's secret, or undefined when it has none. An empty value (e.g.
 * `${RELEASE_SCORECARD_GITHUB_WEBHOOK_SECRET}` set to "") leaves the source
 * disabled; getOptionalString would throw on it and answer 500.
 */
function readSecret(sourceConfig: Config | undefined): string | undefined {
  const secret = sourceConfig?.getOptional('secret');
  return typeof secret === 'string' && secret.trim() !== ''
    ? secret
    : undefined;
}

/**
 * Audits a rejected delivery: who tried, and from where, without the payload
 * or the signature. A bearer token that is not a Backstage token (an Argo CD
 * or upload token, or a guess at one) makes the auditor fail to resolve the
 * caller's credentials; the event then carries the caller's address in meta.
 */
async function auditRejection(
  auditor: AuditorService,
  req: Request,
  source: string,
): Promise<void> {
  const options = {
    eventId: 'webhook-rejected',
    severityLevel: 'medium' as const,
    meta: { source, reason: 'missing or invalid signature' },
  };
  let event: AuditorServiceEvent;
  try {
    event = await auditor.createEvent({ ...options, request: req });
  } catch {
    event = await auditor.createEvent({
      ...options,
      meta: {
        ...options.meta,
        ip: req.ip,
        userAgent: req.get('user-agent'),
        url: req.originalUrl,
      },
    });
  }
  await event.fail({ error: new Error('missing or invalid signature') });
}

/**
 * `POST /webhooks/:source`: each tool's own payload, verified the way the
 * tool signs it before anything is parsed or stored.
 */
export function createWebhookRoutes(options: {
  config: RootConfigService;
  auditor: AuditorService;
  ingest: IngestService;
  webhookSources: WebhookSource[];
  maxBodySize: string;
}) {
  const { config, auditor, ingest, maxBodySize } = options;
  const sourcesByName = new Map(
    options.webhookSources.map(source => [source.name, source]),
  );
  const knownSources = [...sourcesByName.keys()].sort().join(', ');
  const router = Router();

  // Signatures cover the exact bytes sent, so the body stays raw here.
  router.post(
    '/webhooks/:source',
    // The name is the caller's: it may only select a registered source, never
    // address the configuration (`github.secret`, `..`), and an unknown one is
    // refused before its body is read.
    (req, _res, next) => {
      if (!sourcesByName.has(req.params.source)) {
        throw new NotFoundError(
          `Unknown webhook source; the sources are ${knownSources}`,
        );
      }
      next();
    },
    express.raw({ type: () => true, limit: maxBodySize }),
    async (req, res) => {
      const sourceName = req.params.source;
      const source = sourcesByName.get(sourceName)!;
      const sourceConfig = config.getOptionalConfig(
        `releaseScorecard.webhooks.${source.name}`,
      );
      const secret = readSecret(sourceConfig);
      if (!sourceConfig || !secret) {
        throw new NotFoundError(
          `Webhook source ${sourceName} is not enabled; set releaseScorecard.webhooks.${sourceName}.secret`,
        );
      }
      const request: WebhookRequest = {
        headers: req.headers,
        rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        query: Object.fromEntries(
          Object.entries(req.query).map(([key, value]) => [
            key,
            typeof value === 'string' ? value : undefined,
          ]),
        ),
      };
      if (!source.verify(request, secret)) {
        await auditRejection(auditor, req, sourceName);
        res.status(401).json({
          error: {
            name: 'AuthenticationError',
            message: `Missing or invalid signature for webhook source ${sourceName}`,
          },
        });
        return;
      }
      const mapped = source.map(request, sourceConfig);
      if (mapped.kind === 'ignored') {
        res.status(200).json({
          ignored: true,
          eventType: mapped.eventType,
          reason: mapped.reason,
        });
        return;
      }
      const result = await ingest.ingestWebhookEvent(sourceName, mapped.event);
      res.status(202).json({
        eventType: mapped.event.eventType,
        accepted: result.accepted,
        updated: result.updated,
        entityRefs: result.entityRefs,
        ...(result.entityRefs.length === 0 && {
          unmatched:
            'No catalog entity matched this event; it was counted for operators.',
        }),
        ...(result.unknownEntityRefs && {
          unknownEntityRefs: result.unknownEntityRefs,
        }),
      });
    },
  );
  return router;
}
