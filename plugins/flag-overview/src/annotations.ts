import { Entity } from '@backstage/catalog-model';
import { FLAG_PROVIDER_ANNOTATIONS as ANNOTATION_BY_PROVIDER } from '@internal/plugin-release-scorecard-common';

/**
 * The annotations that map an entity to a project in a flag provider; the
 * backend polls the providers for entities that carry one of them.
 */
export const FLAG_PROVIDER_ANNOTATIONS = Object.entries(
  ANNOTATION_BY_PROVIDER,
).map(([provider, annotation]) => ({ provider, annotation }));

/** A provider annotation that an entity carries, with its value. */
export interface FlagProviderAnnotation {
  provider: string;
  annotation: string;
  value: string;
}

/** The flag provider annotations set on the entity, in the order above. */
export function getFlagProviderAnnotations(
  entity: Entity,
): FlagProviderAnnotation[] {
  const annotations = entity.metadata.annotations ?? {};
  return FLAG_PROVIDER_ANNOTATIONS.flatMap(({ provider, annotation }) => {
    const value = annotations[annotation]?.trim();
    return value ? [{ provider, annotation, value }] : [];
  });
}

/** True when the entity is mapped to a project in at least one flag provider. */
export function isFlagOverviewAvailable(entity: Entity): boolean {
  return getFlagProviderAnnotations(entity).length > 0;
}
