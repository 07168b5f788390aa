export {
  BUILT_IN_FLAG_PROVIDER_IDS,
  FLAG_PROVIDER_DISPLAY_NAMES,
} from './types';
export type { BuiltInFlagProviderId, FlagProviderClientOptions } from './types';
export { BUILT_IN_FLAG_PROVIDERS } from './builtInFlagProviders';
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
