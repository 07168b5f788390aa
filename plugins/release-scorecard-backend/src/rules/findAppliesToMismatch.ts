import { DEFAULT_NAMESPACE, Entity } from '@backstage/catalog-model';
import {
  normalizeEntityRef,
  RuleAppliesTo,
} from '@internal/plugin-release-scorecard-common';

/**
 * Why a rule does not apply to an entity, as a sentence, or undefined when it
 * applies. Every field of `appliesTo` must match; within a field any listed
 * value does (for tags: the entity carries at least one of them).
 *
 * Kind, type, lifecycle and tags are compared case-insensitively, like the
 * catalog does. Owner and system are compared as full entity refs; a short
 * ref on the entity gets the kind (group, system) and the entity's own
 * namespace, as the catalog resolves `spec.owner` and `spec.system`.
 */
export function findAppliesToMismatch(
  appliesTo: RuleAppliesTo | undefined,
  entity: Entity,
): string | undefined {
  if (!appliesTo) {
    return undefined;
  }
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const refOf = (value: unknown, kind: string) =>
    typeof value === 'string'
      ? normalizeEntityRef(value, { kind, namespace })
      : undefined;
  const checks: Array<{
    label: keyof RuleAppliesTo;
    allowed: string[] | undefined;
    values: string[];
    normalize: (value: string) => string | undefined;
  }> = [
    {
      label: 'kind',
      allowed: appliesTo.kind,
      values: [entity.kind],
      normalize: lowerCase,
    },
    {
      label: 'type',
      allowed: appliesTo.type,
      values: stringsOf(entity.spec?.type),
      normalize: lowerCase,
    },
    {
      label: 'lifecycle',
      allowed: appliesTo.lifecycle,
      values: stringsOf(entity.spec?.lifecycle),
      normalize: lowerCase,
    },
    {
      label: 'owner',
      allowed: appliesTo.owner,
      values: stringsOf(refOf(entity.spec?.owner, 'group')),
      normalize: ref => normalizeEntityRef(ref, { kind: 'group' }),
    },
    {
      label: 'system',
      allowed: appliesTo.system,
      values: stringsOf(refOf(entity.spec?.system, 'system')),
      normalize: ref => normalizeEntityRef(ref, { kind: 'system' }),
    },
    {
      label: 'tags',
      allowed: appliesTo.tags,
      values: entity.metadata.tags ?? [],
      normalize: lowerCase,
    },
  ];

  for (const { label, allowed, values, normalize } of checks) {
    if (!allowed) {
      continue;
    }
    const wanted = new Set(allowed.map(normalize));
    if (!values.some(value => wanted.has(normalize(value)))) {
      const actual =
        values.length === 0
          ? `this entity has no ${label}`
          : `this entity's ${label} ${
              label === 'tags' ? 'are' : 'is'
            } ${values.join(', ')}`;
      return `The rule applies to ${label} ${allowed.join(', ')}; ${actual}.`;
    }
  }
  return undefined;
}

function lowerCase(value: string): string {
  return value.toLocaleLowerCase('en-US');
}

function stringsOf(value: unknown): string[] {
  return typeof value === 'string' && value !== '' ? [value] : [];
}
