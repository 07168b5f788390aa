/**
 * Feature flag overview: the active flags of an entity, and every flag across
 * the organisation with the stale ones per team.
 *
 * @packageDocumentation
 */
export {
  flagOverviewPlugin,
  EntityFlagsCard,
  FlagOverviewPage,
} from './plugin';
export {
  isFlagOverviewAvailable,
  getFlagProviderAnnotations,
  FLAG_PROVIDER_ANNOTATIONS,
} from './annotations';
export type { FlagProviderAnnotation } from './annotations';
export { rootRouteRef as flagOverviewRouteRef } from './routes';
export { flagOverviewApiRef, FlagOverviewClient } from './api';
export type { FlagListQuery, FlagOverviewApi, PageRequest } from './api';
export type { EntityFlagsCardProps } from './components/EntityFlagsCard';
