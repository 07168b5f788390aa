export {
  FLAG_PROVIDERS,
  FLAG_PROVIDER_ANNOTATIONS,
  FLAG_PROVIDER_DISPLAY_NAMES,
} from './types';
export type {
  FlagProvider,
  FlagProviderClient,
  FlagProviderClientOptions,
  FetchProjectFlagsOptions,
} from './types';
export { FlagProviderRequestError } from './ProviderHttpClient';
export { UnleashClient } from './UnleashClient';
export type { UnleashClientOptions } from './UnleashClient';
export { LaunchDarklyClient } from './LaunchDarklyClient';
export { FlagsmithClient } from './FlagsmithClient';
export {
  applyStaleness,
  isActiveFlag,
  readFlagLifetimes,
  DEFAULT_FLAG_LIFETIMES_DAYS,
} from './staleness';
export type { FlagLifetimesDays } from './staleness';
export {
  computeBackoffDelayMs,
  isProviderDue,
  DEFAULT_FLAG_PROVIDER_BACKOFF,
} from './backoff';
export type { BackoffPolicy, ProviderFailureState } from './backoff';
export {
  readFlagProviders,
  DEFAULT_FLAG_PROVIDER_SCHEDULE,
} from './readFlagProviders';
export type {
  ConfiguredFlagProvider,
  ReadFlagProvidersOptions,
} from './readFlagProviders';
