import { Config } from '@backstage/config';
import { FeatureFlag } from '@internal/plugin-release-scorecard-common';

/** Options of one project fetch. */
export interface FetchProjectFlagsOptions {
  /** Aborts every request of the fetch, e.g. when the scheduled task times out. */
  signal: AbortSignal;
}

/**
 * Reads the feature flags of one project of a flag provider.
 *
 * The flags are normalised to the common `FeatureFlag` record. `stale` and
 * `staleReason` carry only what the provider itself says (a stale marker, a
 * deprecation, a stale tag); age-based staleness is added by the backend,
 * which knows the configured lifetimes. Archived flags are not listed: a
 * snapshot holds the project's current flags.
 *
 * @public
 */
export interface FlagProviderClient {
  /** The provider's id, e.g. `unleash`. */
  readonly provider: string;
  /** The entity annotation whose value is the project id passed to `fetchProjectFlags`. */
  readonly annotation: string;
  fetchProjectFlags(
    projectId: string,
    options: FetchProjectFlagsOptions,
  ): Promise<FeatureFlag[]>;
}

/**
 * A feature flag provider that a backend module adds. The backend creates
 * its client when `releaseScorecard.flags.<id>` is configured, polls every
 * entity that carries `annotation` on the schedule of that configuration
 * (`schedule`, default every 10 minutes), keeps the last good snapshot when a
 * poll fails and backs off.
 *
 * @public
 */
export interface FlagProvider {
  /** Lower-case id: the config key under releaseScorecard.flags and the `provider` of its flags. */
  id: string;
  /** Shown in the portal and in messages, e.g. `LaunchDarkly`. */
  displayName: string;
  /** The catalog annotation that names an entity's project at the provider. */
  annotation: string;
  /**
   * The client, from `releaseScorecard.flags.<id>`. Throw an Error naming
   * the config key when the configuration is unusable: it stops the backend.
   */
  createClient(options: {
    config: Config;
    /** Time-out of each HTTP request, in milliseconds. */
    requestTimeoutMs: number;
  }): FlagProviderClient;
}
