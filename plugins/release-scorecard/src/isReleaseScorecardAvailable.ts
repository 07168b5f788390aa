import { Entity } from '@backstage/catalog-model';

/**
 * Whether the entity gets a release scorecard: components (services,
 * websites, libraries) are built by pipelines and deployed. Use it with
 * `EntitySwitch` in a legacy app.
 */
export function isReleaseScorecardAvailable(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'component';
}
