/** The feature flag providers built into the backend. */
export const BUILT_IN_FLAG_PROVIDER_IDS = [
  'unleash',
  'launchdarkly',
  'flagsmith',
] as const;

export type BuiltInFlagProviderId = (typeof BUILT_IN_FLAG_PROVIDER_IDS)[number];

/** Names of the built-in providers in messages and in the portal. */
export const FLAG_PROVIDER_DISPLAY_NAMES: Record<
  BuiltInFlagProviderId,
  string
> = {
  unleash: 'Unleash',
  launchdarkly: 'LaunchDarkly',
  flagsmith: 'Flagsmith',
};

/** Connection settings shared by the provider clients. */
export interface FlagProviderClientOptions {
  /** Base URL of the provider's API, without a trailing slash. */
  baseUrl: string;
  /** API token; sent in the provider's auth header and never logged. */
  token: string;
  /**
   * Time-out of each HTTP request, in milliseconds.
   * @defaultValue 30000
   */
  requestTimeoutMs?: number;
  /**
   * Most pages read from one paged list before giving up, so that a provider
   * that keeps returning `next` links cannot loop forever.
   * @defaultValue 100
   */
  maxPages?: number;
  /**
   * Items asked for per page.
   * @defaultValue 100
   */
  pageSize?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_PAGES = 100;
export const DEFAULT_PAGE_SIZE = 100;
