import { FeatureFlag } from '@internal/plugin-release-scorecard-common';

/** The feature flag providers the backend polls. */
export const FLAG_PROVIDERS = ['unleash', 'launchdarkly', 'flagsmith'] as const;

/** @public */
export type FlagProvider = (typeof FLAG_PROVIDERS)[number];

/**
 * The catalog annotation that maps an entity to its project in each provider;
 * these are the annotations the Backstage ecosystem already uses.
 */
export const FLAG_PROVIDER_ANNOTATIONS: Record<FlagProvider, string> = {
  unleash: 'unleash.io/project-id',
  launchdarkly: 'launchdarkly.com/project-key',
  flagsmith: 'flagsmith.com/project-id',
};

/** Names used in messages and logs. */
export const FLAG_PROVIDER_DISPLAY_NAMES: Record<FlagProvider, string> = {
  unleash: 'Unleash',
  launchdarkly: 'LaunchDarkly',
  flagsmith: 'Flagsmith',
};

/** Options of one project fetch. */
export interface FetchProjectFlagsOptions {
  /** Aborts every request of the fetch, e.g. when the scheduled task times out. */
  signal: AbortSignal;
}

/**
 * Reads the feature flags of one provider project.
 *
 * The flags are normalised to the common `FeatureFlag` record. `stale` and
 * `staleReason` carry only what the provider itself says (a stale marker,
 * a deprecation, a stale tag); age-based staleness is added afterwards by
 * `applyStaleness`, which needs the configured lifetimes and the current time.
 * Archived flags are not listed: a snapshot holds the project's current flags.
 */
export interface FlagProviderClient {
  readonly provider: FlagProvider;
  /** The entity annotation whose value is the project id passed to `fetchProjectFlags`. */
  readonly annotation: string;
  fetchProjectFlags(
    projectId: string,
    options: FetchProjectFlagsOptions,
  ): Promise<FeatureFlag[]>;
}

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
