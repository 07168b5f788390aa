import {
  AuditorService,
  AuditorServiceEvent,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { createGunzip, createInflate } from 'zlib';
import { IngestService } from '../ingest/IngestService';
import {
  AnyWebhookSource,
  isStreamingWebhookSource,
  StreamingWebhookSource,
  WebhookMapResult,
  WebhookRequest,
  WebhookRequestHead,
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

/** A 413 answer, as the buffered route gives for a body over its limit. */
function bodyTooLarge(source: StreamingWebhookSource): Error {
  return Object.assign(
    new InputError(
      `Body is larger than ${source.maxBodyBytes} bytes, the most the ${source.name} source accepts`,
    ),
    { statusCode: 413 },
  );
}

/**
 * The body of a streaming delivery, decoded as its Content-Encoding says and
 * cut off at the source's limit. Reading stops without destroying the
 * request, so that the answer (400, 413) still reaches the sender.
 */
async function* streamBody(
  req: Request,
  source: StreamingWebhookSource,
): AsyncGenerator<Buffer> {
  const declaredLength = Number(req.get('content-length'));
  if (declaredLength > source.maxBodyBytes) {
    throw bodyTooLarge(source);
  }
  const encoding = (req.get('content-encoding') ?? 'identity')
    .trim()
    .toLocaleLowerCase('en-US');
  let decoded: AsyncIterable<Buffer>;
  if (encoding === 'identity') {
    decoded = req.iterator({ destroyOnReturn: false });
  } else if (['gzip', 'x-gzip', 'deflate'].includes(encoding)) {
    const inflate = encoding === 'deflate' ? createInflate() : createGunzip();
    req.on('error', error => inflate.destroy(error));
    decoded = req.pipe(inflate);
  } else {
    throw Object.assign(
      new InputError(
        `Unsupported Content-Encoding "${encoding}"; send the body as is, gzip or deflate`,
      ),
      { statusCode: 415 },
    );
  }
  let received = 0;
  for await (const chunk of decoded) {
    received += chunk.length;
    if (received > source.maxBodyBytes) {
      throw bodyTooLarge(source);
    }
    yield chunk;
  }
}

/**
 * `POST /webhooks/:source`: each tool's own payload, verified the way the
 * tool signs it before anything is parsed or stored.
 */
export function createWebhookRoutes(options: {
  config: RootConfigService;
  logger: LoggerService;
  auditor: AuditorService;
  ingest: IngestService;
  webhookSources: AnyWebhookSource[];
  maxBodySize: string;
}) {
  const { config, logger, auditor, ingest, maxBodySize } = options;
  const sourcesByName = new Map(
    options.webhookSources.map(source => [source.name, source]),
  );
  const knownSources = [...sourcesByName.keys()].sort().join(', ');
  const router = Router();

  /** The source's config and secret; a source without a secret is off (404). */
  function readEnabledSource(source: AnyWebhookSource) {
    const sourceConfig = config.getOptionalConfig(
      `releaseScorecard.webhooks.${source.name}`,
    );
    const secret = readSecret(sourceConfig);
    if (!sourceConfig || !secret) {
      throw new NotFoundError(
        `Webhook source ${source.name} is not enabled; set releaseScorecard.webhooks.${source.name}.secret`,
      );
    }
    return { sourceConfig, secret };
  }

  function readHead(req: Request): WebhookRequestHead {
    return {
      headers: req.headers,
      query: Object.fromEntries(
        Object.entries(req.query).map(([key, value]) => [
          key,
          typeof value === 'string' ? value : undefined,
        ]),
      ),
    };
  }

  async function refuseUnverified(req: Request, res: Response) {
    const sourceName = req.params.source;
    await auditRejection(auditor, req, sourceName);
    res.status(401).json({
      error: {
        name: 'AuthenticationError',
        message: `Missing or invalid signature for webhook source ${sourceName}`,
      },
    });
  }

  async function storeMapped(
    res: Response,
    sourceName: string,
    mapped: WebhookMapResult,
  ) {
    if (mapped.kind === 'ignored') {
      res.status(200).json({
        ignored: true,
        eventType: mapped.eventType,
        reason: mapped.reason,
      });
      return;
    }
    const { notes } = mapped.event;
    const result = await ingest.ingestWebhookEvent(sourceName, mapped.event);
    if (notes?.length) {
      logger.info(
        `Webhook ${sourceName} ${mapped.event.eventType}: ${notes.join(' ')}`,
      );
    }
    res.status(202).json({
      eventType: mapped.event.eventType,
      accepted: result.accepted,
      updated: result.updated,
      entityRefs: result.entityRefs,
      ...(notes?.length && { notes }),
      ...(result.entityRefs.length === 0 && {
        unmatched:
          'No catalog entity matched this event; it was counted for operators.',
      }),
      ...(result.unknownEntityRefs && {
        unknownEntityRefs: result.unknownEntityRefs,
      }),
    });
  }

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
    // A streaming source is verified from the headers, then reads the body
    // itself as it arrives; the others continue below with the whole body.
    async (req, res, next) => {
      const source = sourcesByName.get(req.params.source)!;
      if (!isStreamingWebhookSource(source)) {
        next();
        return;
      }
      const { sourceConfig, secret } = readEnabledSource(source);
      const head = readHead(req);
      if (!source.verify(head, secret)) {
        await refuseUnverified(req, res);
        return;
      }
      try {
        const mapped = await source.map(
          { ...head, body: streamBody(req, source) },
          sourceConfig,
        );
        await storeMapped(res, source.name, mapped);
      } finally {
        // What the sender is still sending (after a malformed line, past the
        // limit) is read and dropped, so that it receives the answer rather
        // than a reset connection.
        if (!req.readableEnded) {
          req.resume();
        }
      }
    },
    express.raw({ type: () => true, limit: maxBodySize }),
    async (req, res) => {
      const source = sourcesByName.get(req.params.source)!;
      if (isStreamingWebhookSource(source)) {
        throw new Error(
          'A streaming webhook source reached the buffered route',
        );
      }
      const { sourceConfig, secret } = readEnabledSource(source);
      const request: WebhookRequest = {
        ...readHead(req),
        rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      };
      if (!source.verify(request, secret)) {
        await refuseUnverified(req, res);
        return;
      }
      await storeMapped(res, source.name, source.map(request, sourceConfig));
    },
  );
  return router;
}
