export { flagOverviewApiRef } from './FlagOverviewApi';
export type {
  FlagListQuery,
  FlagOverviewApi,
  PageRequest,
} from './FlagOverviewApi';
export { FlagOverviewClient } from './FlagOverviewClient';
