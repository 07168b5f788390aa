import { InputError } from '@backstage/errors';
import {
  DeploymentStatus,
  DeploymentStrategy,
} from '@internal/plugin-release-scorecard-common';
import { z } from 'zod';
import {
  compact,
  isHttpUrl,
  latestIsoTimestamp,
  nonEmpty,
  parseWithSchema,
  toIsoTimestamp,
} from '@internal/plugin-release-scorecard-node';
import { WebhookMapResult } from '@internal/plugin-release-scorecard-node';
import {
  applicationLookup,
  kubernetesMetadataSchema,
  KubernetesMetadata,
  resolveEnvironment,
  templateValue,
  toTriggerName,
} from './argo';

/** The label Argo CD puts on the resources of an application (label tracking). */
export const ARGOCD_INSTANCE_LABEL = 'argocd.argoproj.io/instance';

/** The annotation Argo CD puts on them with annotation tracking (default in 3.x). */
export const ARGOCD_TRACKING_ID_ANNOTATION = 'argocd.argoproj.io/tracking-id';

const conditionSchema = z.object({
  type: z.string(),
  lastUpdateTime: z.string().optional(),
  lastTransitionTime: z.string().optional(),
});

/** The parts of an argoproj.io/v1alpha1 Rollout we read. */
const rolloutSchema = z.object({
  metadata: kubernetesMetadataSchema,
  spec: z.object({
    strategy: z.object({
      canary: z.unknown().optional(),
      blueGreen: z.unknown().optional(),
    }),
  }),
  status: z.object({
    currentPodHash: z.string().min(1),
    conditions: z.array(conditionSchema).optional(),
  }),
});

/** The body of the recommended Argo Rollouts template (docs/webhooks.md). */
export const rolloutNotificationSchema = z.object({
  event: z.string().min(1),
  rollout: rolloutSchema,
  app: z.string().optional(),
  environment: z.string().optional(),
  url: z.string().optional(),
  sentAt: z.string().optional(),
});

/** The status each Rollouts event gives the environment's latest deployment. */
const ROLLOUT_EVENT_STATUSES: Record<string, DeploymentStatus> = {
  'on-rollout-updated': 'in-progress',
  'on-rollout-step-completed': 'in-progress',
  'on-rollout-paused': 'in-progress',
  'on-rollout-completed': 'succeeded',
  'on-rollout-aborted': 'rolled-back',
};

/**
 * The Argo CD application that manages the rollout: named by the template,
 * else read from Argo CD's tracking label or annotation
 * (`<app>:<group>/<kind>:<namespace>/<name>`, the app as `<namespace>_<app>`
 * when applications live outside the control plane namespace).
 */
export function argoCdApplicationOf(
  explicit: string | undefined,
  metadata: KubernetesMetadata,
): string | undefined {
  const trackingId = nonEmpty(
    metadata.annotations?.[ARGOCD_TRACKING_ID_ANNOTATION],
  );
  const trackedApp = trackingId?.split(':')[0].split('_').pop();
  return (
    templateValue(explicit) ??
    nonEmpty(metadata.labels?.[ARGOCD_INSTANCE_LABEL]) ??
    nonEmpty(trackedApp)
  );
}

function strategyOf(
  strategy: z.infer<typeof rolloutSchema>['spec']['strategy'],
): DeploymentStrategy | undefined {
  if (strategy.canary) {
    return 'canary';
  }
  if (strategy.blueGreen) {
    return 'blue-green';
  }
  return undefined;
}

/**
 * Maps an Argo Rollouts notification to a patch of the environment's latest
 * deployment: its strategy and how the rollout ended.
 */
export function mapRolloutNotification(body: unknown): WebhookMapResult {
  const { event } = parseWithSchema(
    z.object({ event: z.string().min(1) }),
    body,
    'Argo Rollouts notification',
  );
  const eventType = toTriggerName(event);
  const status = ROLLOUT_EVENT_STATUSES[eventType];
  if (!status) {
    return {
      kind: 'ignored',
      eventType,
      reason: `The ${eventType} event does not change a deployment; send ${Object.keys(
        ROLLOUT_EVENT_STATUSES,
      ).join(', ')}`,
    };
  }

  const notification = parseWithSchema(
    rolloutNotificationSchema,
    body,
    'Argo Rollouts notification',
  );
  const { metadata, spec, status: rolloutStatus } = notification.rollout;

  const appName = argoCdApplicationOf(notification.app, metadata);
  if (!appName) {
    throw new InputError(
      `Invalid Argo Rollouts notification: app: not sent, and rollout ${metadata.name} has no ${ARGOCD_INSTANCE_LABEL} label or ${ARGOCD_TRACKING_ID_ANNOTATION} annotation`,
    );
  }

  // The template's `now`, else the rollout's latest condition change.
  const conditionTimes = (rolloutStatus.conditions ?? []).flatMap(
    (condition, index) =>
      [condition.lastUpdateTime, condition.lastTransitionTime]
        .filter((time): time is string => !!time)
        .map(time =>
          toIsoTimestamp(time, `rollout.status.conditions[${index}]`),
        ),
  );
  const eventTime = notification.sentAt
    ? toIsoTimestamp(notification.sentAt, 'sentAt')
    : latestIsoTimestamp(conditionTimes);
  if (!eventTime) {
    throw new InputError(
      'Invalid Argo Rollouts notification: sentAt: not sent, and the rollout has no status.conditions to date the event',
    );
  }

  return {
    kind: 'event',
    event: {
      eventType,
      lookup: applicationLookup(appName),
      deploymentPatches: [
        compact({
          environment: resolveEnvironment(
            templateValue(notification.environment),
            metadata,
            metadata.namespace,
            'rollout.metadata.namespace',
          ),
          // Used only when Argo CD has not reported the sync yet.
          fallbackId: `${appName}/rollout-${rolloutStatus.currentPodHash}`,
          strategy: strategyOf(spec.strategy),
          status,
          startedAt: eventTime,
          finishedAt: status === 'in-progress' ? undefined : eventTime,
          url: isHttpUrl(notification.url) ? notification.url : undefined,
        }),
      ],
    },
  };
}
