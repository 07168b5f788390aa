import { ANNOTATIONS } from '@internal/plugin-release-scorecard-common';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { nonEmpty } from '@internal/plugin-release-scorecard-node';
import { EntityLookup } from '@internal/plugin-release-scorecard-node';

/**
 * Shared by the Argo CD and Argo Rollouts mappings: both deliver through the
 * `argocd` source and find the entity by the Argo CD application's name.
 */

/** The catalog annotation of the Backstage Argo CD plugin. */
export const ARGOCD_APP_NAME_ANNOTATION = ANNOTATIONS.argoCdAppName;

/**
 * The annotation (or label) on an Application or Rollout that names its
 * environment when the notification template does not send one.
 */
export const ENVIRONMENT_ANNOTATION = ANNOTATIONS.environment;

/**
 * A value the notification template rendered, or undefined when it is empty
 * or the `<no value>` that Go templates print for a missing map key.
 */
export function templateValue(
  text: string | null | undefined,
): string | undefined {
  const value = nonEmpty(text);
  return value === '<no value>' ? undefined : value;
}

export const kubernetesMetadataSchema = z.object({
  name: z.string().min(1),
  namespace: z.string().optional(),
  labels: z.record(z.string(), z.string()).nullable().optional(),
  annotations: z.record(z.string(), z.string()).nullable().optional(),
});

export type KubernetesMetadata = z.infer<typeof kubernetesMetadataSchema>;

export function applicationLookup(appName: string): EntityLookup {
  return {
    type: 'annotation',
    annotation: ARGOCD_APP_NAME_ANNOTATION,
    value: appName,
  };
}

/** Trigger names with or without their `on-` prefix: `sync-succeeded`, `on-sync-succeeded`. */
export function toTriggerName(name: string): string {
  const trimmed = name.trim();
  return trimmed.startsWith('on-') ? trimmed : `on-${trimmed}`;
}

/**
 * The environment of an Argo CD application or rollout: what the template
 * sends, else the `release-scorecard.io/environment` annotation or label,
 * else the namespace it runs in (the same for an application's destination
 * and its rollouts, so their events meet on one deployment).
 */
export function resolveEnvironment(
  explicit: string | undefined,
  metadata: KubernetesMetadata,
  namespace: string | undefined,
  namespaceField: string,
): string {
  const environment = [
    explicit,
    metadata.annotations?.[ENVIRONMENT_ANNOTATION],
    metadata.labels?.[ENVIRONMENT_ANNOTATION],
    namespace,
  ]
    .map(value => value?.trim())
    .find(Boolean);
  if (!environment) {
    throw new InputError(
      `Invalid Argo notification: environment: not sent, and neither the ${ENVIRONMENT_ANNOTATION} annotation nor ${namespaceField} is set`,
    );
  }
  return environment;
}
