import {
  FeatureFlag,
  FlagEnvironment,
} from '@internal/plugin-release-scorecard-common';
import { z } from 'zod';
import { ProviderHttpClient } from './ProviderHttpClient';
import { isoFromMillis, latestIso } from './timestamps';
import { inferFlagType } from './inferFlagType';
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

export const DEFAULT_LAUNCHDARKLY_BASE_URL = 'https://app.launchdarkly.com';
/**
 * Pinned so that a token created for another API version cannot change the
 * response shape; in this version flags carry environments only when asked
 * for with `env`.
 */
export const LAUNCHDARKLY_API_VERSION = '20240415';

const linksSchema = z
  .record(z.string(), z.object({ href: z.string().nullish() }).nullish())
  .nullish();

const environmentsPageSchema = z.object({
  items: z.array(z.object({ key: z.string(), name: z.string().nullish() })),
  _links: linksSchema,
});

const flagEnvironmentSchema = z.object({
  on: z.boolean(),
  lastModified: z.number().nullish(),
  offVariation: z.number().nullish(),
  fallthrough: z
    .object({
      variation: z.number().nullish(),
      rollout: z
        .object({
          variations: z.array(
            z.object({ variation: z.number(), weight: z.number() }),
          ),
        })
        .nullish(),
    })
    .nullish(),
});

const flagSchema = z.object({
  key: z.string(),
  name: z.string().nullish(),
  creationDate: z.number().nullish(),
  temporary: z.boolean().nullish(),
  archived: z.boolean().nullish(),
  deprecated: z.boolean().nullish(),
  tags: z.array(z.string()).nullish(),
  variations: z.array(z.object({ value: z.unknown() })).nullish(),
  _maintainer: z.object({ email: z.string().nullish() }).nullish(),
  _maintainerTeam: z.object({ name: z.string().nullish() }).nullish(),
  experiments: z.object({ items: z.array(z.unknown()).nullish() }).nullish(),
  environments: z.record(z.string(), flagEnvironmentSchema).nullish(),
});

const flagsPageSchema = z.object({
  items: z.array(flagSchema),
  _links: linksSchema,
});

type LaunchDarklyFlag = z.infer<typeof flagSchema>;
type LaunchDarklyFlagEnvironment = z.infer<typeof flagEnvironmentSchema>;

/** Rollout weights are in thousandths of a percent: 100000 is everyone. */
const WEIGHT_PER_PERCENT = 1000;

/**
 * The share of contexts the default (fallthrough) rule serves the flag to,
 * when that rule is a percentage rollout; undefined when it serves one
 * variation. For a boolean flag that is the weight of the `true` variation;
 * for a multivariate flag, the weight of every variation but the off
 * variation (undefined when the flag has no off variation). Targets and
 * rules are not weighed in.
 */
export function launchDarklyRolloutPercent(
  environment: LaunchDarklyFlagEnvironment,
  variations: Array<{ value: unknown }>,
): number | undefined {
  const weighted = environment.fallthrough?.rollout?.variations;
  if (!weighted?.length) {
    return undefined;
  }
  const isBoolean =
    variations.length > 0 &&
    variations.every(v => typeof v.value === 'boolean');
  const offVariation = environment.offVariation ?? undefined;
  if (!isBoolean && offVariation === undefined) {
    return undefined;
  }
  const servesFlag = (index: number) =>
    isBoolean ? variations[index]?.value === true : index !== offVariation;
  const weight = weighted
    .filter(item => servesFlag(item.variation))
    .reduce((sum, item) => sum + item.weight, 0);
  return Math.min(100, Math.max(0, weight / WEIGHT_PER_PERCENT));
}

/**
 * Reads a project's flags through the LaunchDarkly REST API (v2).
 *
 * - `GET /api/v2/projects/<key>/environments` lists the environment keys,
 *   because flags carry per-environment state only for environments asked for.
 * - `GET /api/v2/flags/<key>?summary=0&env=…` pages through the unarchived
 *   flags with `limit`/`offset`, following `_links.next`.
 *
 * Mapping: `temporary` is kept; the type comes from a tag that names one
 * (`kill-switch`, `experiment`, …), else `experiment` when the flag runs an
 * experiment, else `release` for temporary and `operational` for permanent
 * flags. A `deprecated` flag is reported stale by the provider. The owner is
 * the maintainer team, else the maintainer's email.
 *
 * The token goes in `Authorization` as is (LaunchDarkly access tokens).
 */
export class LaunchDarklyClient implements FlagProviderClient {
  readonly provider = 'launchdarkly' as const;
  readonly annotation = FLAG_PROVIDER_ANNOTATIONS.launchdarkly;

  private readonly http: ProviderHttpClient;
  private readonly pageSize: number;

  constructor(options: FlagProviderClientOptions) {
    this.http = new ProviderHttpClient({
      provider: this.provider,
      displayName: FLAG_PROVIDER_DISPLAY_NAMES.launchdarkly,
      baseUrl: options.baseUrl,
      authHeaders: {
        Authorization: options.token,
        'LD-API-Version': LAUNCHDARKLY_API_VERSION,
      },
      requestTimeoutMs: options.requestTimeoutMs,
      maxPages: options.maxPages,
    });
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  }

  async fetchProjectFlags(
    projectKey: string,
    { signal }: FetchProjectFlagsOptions,
  ): Promise<FeatureFlag[]> {
    const project = encodeURIComponent(projectKey);
    const nextLink = (page: { _links?: z.infer<typeof linksSchema> }) => {
      const href = page._links?.next?.href;
      return href ? this.http.resolveLink(href) : undefined;
    };

    const environments = await this.http.getAllPages({
      firstUrl: this.http.url(`/api/v2/projects/${project}/environments`, {
        limit: this.pageSize,
        offset: 0,
      }),
      schema: environmentsPageSchema,
      signal,
      items: page => page.items,
      nextUrl: nextLink,
    });
    const environmentKeys = environments.map(environment => environment.key);

    const flags = await this.http.getAllPages({
      firstUrl: this.http.url(`/api/v2/flags/${project}`, {
        summary: 0,
        limit: this.pageSize,
        offset: 0,
        env: environmentKeys,
      }),
      schema: flagsPageSchema,
      signal,
      items: page => page.items,
      nextUrl: nextLink,
    });

    return flags.map(flag =>
      this.toFeatureFlag(projectKey, flag, environmentKeys),
    );
  }

  private toFeatureFlag(
    projectKey: string,
    flag: LaunchDarklyFlag,
    environmentKeys: string[],
  ): FeatureFlag {
    const configs = flag.environments ?? {};
    // The project's environment order, then any the project list missed.
    const keys = [
      ...environmentKeys.filter(key => key in configs),
      ...Object.keys(configs).filter(key => !environmentKeys.includes(key)),
    ];
    const environments = keys.map((key): FlagEnvironment => {
      const config = configs[key];
      const rolloutPercent = config.on
        ? launchDarklyRolloutPercent(config, flag.variations ?? [])
        : undefined;
      const lastModifiedAt = isoFromMillis(config.lastModified);
      return {
        name: key,
        enabled: config.on,
        ...(rolloutPercent !== undefined && { rolloutPercent }),
        ...(lastModifiedAt && { lastModifiedAt }),
      };
    });

    // Unknown lifetime: treat as permanent rather than risk a false stale badge.
    const temporary = flag.temporary ?? false;
    const runsExperiment = (flag.experiments?.items?.length ?? 0) > 0;
    const createdAt = isoFromMillis(flag.creationDate);
    const lastModifiedAt = latestIso(environments.map(e => e.lastModifiedAt));
    const owner =
      flag._maintainerTeam?.name ?? flag._maintainer?.email ?? undefined;
    return {
      key: flag.key,
      ...(flag.name && { name: flag.name }),
      provider: this.provider,
      type: inferFlagType(
        flag.tags ?? [],
        temporary,
        runsExperiment ? 'experiment' : undefined,
      ),
      temporary,
      archived: flag.archived ?? false,
      environments,
      ...(createdAt && { createdAt }),
      ...(lastModifiedAt && { lastModifiedAt }),
      ...(owner && { owner }),
      stale: Boolean(flag.deprecated),
      ...(flag.deprecated && { staleReason: 'deprecated in LaunchDarkly' }),
      url: `${this.http.baseUrl}/projects/${encodeURIComponent(
        projectKey,
      )}/flags/${encodeURIComponent(flag.key)}`,
    };
  }
}
