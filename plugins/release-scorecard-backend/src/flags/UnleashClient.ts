import {
  FeatureFlag,
  FLAG_TYPES,
  FlagEnvironment,
  FlagType,
} from '@internal/plugin-release-scorecard-common';
import { z } from 'zod';
import { mapWithConcurrency } from './mapWithConcurrency';
import {
  FlagProviderRequestError,
  ProviderHttpClient,
} from './ProviderHttpClient';
import { isoFromString } from './timestamps';
import { isTemporaryFlagType } from './inferFlagType';
import {
  DEFAULT_PAGE_SIZE,
  FLAG_PROVIDER_DISPLAY_NAMES,
  FlagProviderClientOptions,
} from './types';
import { FLAG_PROVIDER_ANNOTATIONS } from '@internal/plugin-release-scorecard-common';
import {
  FetchProjectFlagsOptions,
  FlagProviderClient,
} from '@internal/plugin-release-scorecard-node';

/** The search endpoint refuses pages larger than this. */
const MAX_SEARCH_LIMIT = 100;
/** Parallel per-flag requests, to spare the Unleash server. */
const DETAIL_CONCURRENCY = 4;

const searchEnvironmentSchema = z.object({
  name: z.string(),
  enabled: z.boolean(),
  lastSeenAt: z.string().nullish(),
  hasStrategies: z.boolean().nullish(),
  hasEnabledStrategies: z.boolean().nullish(),
});

const searchFeatureSchema = z.object({
  name: z.string(),
  type: z.string().nullish(),
  stale: z.boolean().nullish(),
  createdAt: z.string().nullish(),
  archivedAt: z.string().nullish(),
  createdBy: z.object({ name: z.string().nullish() }).nullish(),
  environments: z.array(searchEnvironmentSchema).nullish(),
});

const searchPageSchema = z.object({
  features: z.array(searchFeatureSchema),
  total: z.number().nullish(),
});

const strategySchema = z.object({
  name: z.string(),
  disabled: z.boolean().nullish(),
  constraints: z.array(z.unknown()).nullish(),
  segments: z.array(z.unknown()).nullish(),
  // Documented as strings ("50"); older servers sent numbers.
  parameters: z.record(z.string(), z.unknown()).nullish(),
});

const featureDetailSchema = z.object({
  name: z.string(),
  environments: z
    .array(
      z.object({
        name: z.string(),
        enabled: z.boolean(),
        strategies: z.array(strategySchema).nullish(),
      }),
    )
    .nullish(),
});

type UnleashSearchFeature = z.infer<typeof searchFeatureSchema>;
type UnleashStrategy = z.infer<typeof strategySchema>;

/** Gradual strategies and the parameter that holds their percentage. */
const GRADUAL_STRATEGY_PARAMETERS: Record<string, string> = {
  flexibleRollout: 'rollout',
  // Deprecated strategies that older projects still carry.
  gradualRolloutRandom: 'percentage',
  gradualRolloutSessionId: 'percentage',
  gradualRolloutUserId: 'percentage',
};

/**
 * The share of users an environment's strategies roll a flag out to, or
 * undefined when no gradual strategy is enabled (the flag is simply on for
 * whom its strategies match). With several gradual strategies the largest
 * rollout counts, since a user gets the flag when any strategy matches; an
 * unconstrained `default` strategy next to them means everyone (100).
 * Constraints are not weighed in: the percentage is of the matching users.
 */
export function unleashRolloutPercent(
  strategies: UnleashStrategy[],
): number | undefined {
  const enabled = strategies.filter(strategy => !strategy.disabled);
  const percentages = enabled.flatMap(strategy => {
    const parameter = GRADUAL_STRATEGY_PARAMETERS[strategy.name];
    const value = parameter ? Number(strategy.parameters?.[parameter]) : NaN;
    return Number.isFinite(value) ? [Math.min(100, Math.max(0, value))] : [];
  });
  if (percentages.length === 0) {
    return undefined;
  }
  const everyone = enabled.some(
    strategy =>
      strategy.name === 'default' &&
      !strategy.constraints?.length &&
      !strategy.segments?.length,
  );
  return everyone ? 100 : Math.max(...percentages);
}

export interface UnleashClientOptions extends FlagProviderClientOptions {
  /**
   * Link to a flag in the Unleash UI; `{project}` and `{key}` are replaced.
   * Defaults to the server's own UI, `<server>/projects/{project}/features/{key}`.
   */
  flagUrlTemplate?: string;
}

/**
 * Reads a project's flags through the Unleash Admin API.
 *
 * - `GET /api/admin/search/features?project=IS:<id>` pages through the
 *   project's unarchived flags (`offset`/`limit`, `total`) with type, stale
 *   marker, creation time, creator and per-environment on/off state.
 * - `GET /api/admin/projects/<id>/features/<name>` is read for flags that are
 *   on with enabled strategies somewhere, for the strategies that give the
 *   rollout percentage (the search result carries no strategies).
 *
 * The token (admin or personal access token) goes in `Authorization` as is.
 */
export class UnleashClient implements FlagProviderClient {
  readonly provider = 'unleash' as const;
  readonly annotation = FLAG_PROVIDER_ANNOTATIONS.unleash;

  private readonly http: ProviderHttpClient;
  private readonly pageSize: number;
  private readonly flagUrlTemplate: string;

  constructor(options: UnleashClientOptions) {
    const serverUrl = options.baseUrl.replace(/\/+$/, '').replace(/\/api$/, '');
    this.http = new ProviderHttpClient({
      provider: this.provider,
      displayName: FLAG_PROVIDER_DISPLAY_NAMES.unleash,
      // The configured URL is documented as ending in /api; accept it without.
      baseUrl: `${serverUrl}/api`,
      authHeaders: { Authorization: options.token },
      requestTimeoutMs: options.requestTimeoutMs,
      maxPages: options.maxPages,
    });
    this.pageSize = Math.min(
      options.pageSize ?? DEFAULT_PAGE_SIZE,
      MAX_SEARCH_LIMIT,
    );
    this.flagUrlTemplate =
      options.flagUrlTemplate ??
      `${serverUrl}/projects/{project}/features/{key}`;
  }

  async fetchProjectFlags(
    projectId: string,
    { signal }: FetchProjectFlagsOptions,
  ): Promise<FeatureFlag[]> {
    const query = { project: `IS:${projectId}`, limit: this.pageSize };
    const features = await this.http.getAllPages({
      firstUrl: this.http.url('/admin/search/features', {
        ...query,
        offset: 0,
      }),
      schema: searchPageSchema,
      signal,
      items: page => page.features,
      nextUrl: (page, url, itemCount) => {
        const offset = Number(url.searchParams.get('offset')) + itemCount;
        const more =
          typeof page.total === 'number'
            ? offset < page.total
            : itemCount === this.pageSize;
        return more && itemCount > 0
          ? this.http.url('/admin/search/features', { ...query, offset })
          : undefined;
      },
    });

    return mapWithConcurrency(features, DETAIL_CONCURRENCY, async feature => {
      const strategies = needsStrategies(feature)
        ? await this.fetchStrategiesByEnvironment(
            projectId,
            feature.name,
            signal,
          )
        : new Map<string, UnleashStrategy[]>();
      return this.toFeatureFlag(projectId, feature, strategies);
    });
  }

  private async fetchStrategiesByEnvironment(
    projectId: string,
    featureName: string,
    signal: AbortSignal,
  ): Promise<Map<string, UnleashStrategy[]>> {
    const url = this.http.url(
      `/admin/projects/${encodeURIComponent(
        projectId,
      )}/features/${encodeURIComponent(featureName)}`,
    );
    try {
      const detail = await this.http.getJson(url, featureDetailSchema, signal);
      return new Map(
        (detail.environments ?? []).map(environment => [
          environment.name,
          environment.strategies ?? [],
        ]),
      );
    } catch (error) {
      // Archived or moved since the search: keep the flag, without rollout.
      if (error instanceof FlagProviderRequestError && error.status === 404) {
        return new Map();
      }
      throw error;
    }
  }

  private toFeatureFlag(
    projectId: string,
    feature: UnleashSearchFeature,
    strategiesByEnvironment: Map<string, UnleashStrategy[]>,
  ): FeatureFlag {
    const type: FlagType = FLAG_TYPES.includes(feature.type as FlagType)
      ? (feature.type as FlagType)
      : 'release';
    const environments = (feature.environments ?? []).map(
      (environment): FlagEnvironment => {
        const rolloutPercent = environment.enabled
          ? unleashRolloutPercent(
              strategiesByEnvironment.get(environment.name) ?? [],
            )
          : undefined;
        return {
          name: environment.name,
          enabled: environment.enabled,
          ...(rolloutPercent !== undefined && { rolloutPercent }),
        };
      },
    );
    const createdAt = isoFromString(feature.createdAt);
    const owner = feature.createdBy?.name ?? undefined;
    return {
      key: feature.name,
      provider: this.provider,
      type,
      temporary: isTemporaryFlagType(type),
      archived: Boolean(feature.archivedAt),
      environments,
      ...(createdAt && { createdAt }),
      ...(owner && { owner }),
      stale: Boolean(feature.stale),
      ...(feature.stale && { staleReason: 'marked stale in Unleash' }),
      url: this.flagUrlTemplate
        .replace(/\{project\}/g, encodeURIComponent(projectId))
        .replace(/\{key\}/g, encodeURIComponent(feature.name)),
    };
  }
}

/** Only a flag that is on with enabled strategies somewhere can have a rollout. */
function needsStrategies(feature: UnleashSearchFeature): boolean {
  return (feature.environments ?? []).some(
    environment =>
      environment.enabled && environment.hasEnabledStrategies !== false,
  );
}
