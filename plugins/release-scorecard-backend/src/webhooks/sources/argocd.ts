import { InputError } from '@backstage/errors';
import { DeploymentStatus } from '@internal/plugin-release-scorecard-common';
import { z } from 'zod';
import {
  compact,
  isHttpUrl,
  nonEmpty,
  parseJsonBody,
  parseWithSchema,
  toIsoTimestamp,
  toOptionalIsoTimestamp,
  verifyBearerToken,
} from '@internal/plugin-release-scorecard-node';
import { deploymentCommitsSchema, toDeploymentCommits } from '../lib';
import {
  WebhookMapResult,
  WebhookSource,
} from '@internal/plugin-release-scorecard-node';
import {
  applicationLookup,
  kubernetesMetadataSchema,
  resolveEnvironment,
  templateValue,
  toTriggerName,
} from './argo';
import { mapRolloutNotification } from './argoRollouts';

const revisionsSchema = z.object({
  revision: z.string().optional(),
  // Applications with several sources have one revision per source.
  revisions: z.array(z.string()).optional(),
});

/** The parts of an argoproj.io/v1alpha1 Application we read. */
const applicationSchema = z.object({
  metadata: kubernetesMetadataSchema,
  spec: z.object({
    destination: z
      .object({
        namespace: z.string().optional(),
      })
      .optional(),
  }),
  status: z.object({
    sync: revisionsSchema.optional(),
    health: z.object({ status: z.string().optional() }).optional(),
    operationState: z
      .object({
        phase: z.string(),
        startedAt: z.string(),
        finishedAt: z.string().nullable().optional(),
        operation: z.object({ sync: revisionsSchema.optional() }).optional(),
        syncResult: revisionsSchema.optional(),
      })
      .optional(),
  }),
});

/** The body of the recommended Argo CD template (docs/webhooks.md). */
export const applicationNotificationSchema = z.object({
  trigger: z.string().min(1),
  app: applicationSchema,
  environment: z.string().optional(),
  version: z.string().optional(),
  url: z.string().optional(),
  commits: deploymentCommitsSchema.optional(),
});

/** The status each Argo CD trigger gives the deployment of the synced revision. */
const TRIGGER_STATUSES: Record<string, DeploymentStatus> = {
  'on-sync-running': 'in-progress',
  'on-sync-succeeded': 'succeeded',
  // Catalog trigger: synced and healthy, once per commit.
  'on-deployed': 'succeeded',
  'on-sync-failed': 'failed',
  'on-health-degraded': 'failed',
};

type RevisionFields = z.infer<typeof revisionsSchema> | undefined;

function firstRevision(fields: RevisionFields): string | undefined {
  return (
    nonEmpty(fields?.revision) ?? fields?.revisions?.find(r => nonEmpty(r))
  );
}

/**
 * Maps an Argo CD notification to the deployment `<app>/<revision>`, so that
 * the running, succeeded or failed sync and a later degradation all update
 * the same record.
 */
function mapApplicationNotification(body: unknown): WebhookMapResult {
  const { trigger } = parseWithSchema(
    z.object({ trigger: z.string().min(1) }),
    body,
    'Argo CD notification',
  );
  const eventType = toTriggerName(trigger);
  const status = TRIGGER_STATUSES[eventType];
  if (!status) {
    return {
      kind: 'ignored',
      eventType,
      reason: `The ${eventType} trigger does not change a deployment; send ${Object.keys(
        TRIGGER_STATUSES,
      ).join(', ')}`,
    };
  }

  const notification = parseWithSchema(
    applicationNotificationSchema,
    body,
    'Argo CD notification',
  );
  const { metadata, spec, status: appStatus } = notification.app;
  const operation = appStatus.operationState;
  if (!operation) {
    if (eventType === 'on-health-degraded') {
      return {
        kind: 'ignored',
        eventType,
        reason: `Application ${metadata.name} has no sync operation to attribute the degradation to`,
      };
    }
    throw new InputError(
      'Invalid Argo CD notification: app.status.operationState: missing for a sync trigger',
    );
  }

  // The revision being (or last) synced; status.sync.revision is the target,
  // which may already be a newer commit that is not deployed.
  const revision =
    firstRevision(operation.syncResult) ??
    firstRevision(operation.operation?.sync) ??
    firstRevision(appStatus.sync);
  if (!revision) {
    throw new InputError(
      'Invalid Argo CD notification: app.status.sync.revision: the application has no revision',
    );
  }

  return {
    kind: 'event',
    event: {
      eventType,
      lookup: applicationLookup(metadata.name),
      deployments: [
        compact({
          id: `${metadata.name}/${revision}`,
          environment: resolveEnvironment(
            templateValue(notification.environment),
            metadata,
            spec.destination?.namespace,
            'app.spec.destination.namespace',
          ),
          revision,
          version: templateValue(notification.version),
          // Argo Rollouts notifications tell canary from blue-green.
          strategy: 'unknown' as const,
          gitops: true,
          status,
          startedAt: toIsoTimestamp(
            operation.startedAt,
            'app.status.operationState.startedAt',
          ),
          finishedAt:
            status === 'in-progress'
              ? undefined
              : toOptionalIsoTimestamp(
                  operation.finishedAt,
                  'app.status.operationState.finishedAt',
                ),
          commits: toDeploymentCommits(notification.commits, 'commits'),
          url: isHttpUrl(notification.url) ? notification.url : undefined,
        }),
      ],
    },
  };
}

/**
 * Maps an Argo CD or Argo Rollouts notification: the recommended templates
 * send `{ trigger, app }` and `{ event, rollout }` respectively.
 */
export function mapArgoNotification(body: unknown): WebhookMapResult {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    if ('rollout' in body) {
      return mapRolloutNotification(body);
    }
    if ('app' in body) {
      return mapApplicationNotification(body);
    }
  }
  throw new InputError(
    'Invalid Argo notification: expected an app (Argo CD) or rollout (Argo Rollouts) field, as the templates in the Release Scorecard documentation send',
  );
}

/** Argo CD notifications and Argo Rollouts notifications, with a bearer token. */
export const argoCdWebhookSource: WebhookSource = {
  name: 'argocd',
  verify: verifyBearerToken,
  map: request => mapArgoNotification(parseJsonBody(request.rawBody)),
};
