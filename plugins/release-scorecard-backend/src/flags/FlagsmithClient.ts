import {
  FeatureFlag,
  FlagEnvironment,
} from '@internal/plugin-release-scorecard-common';
import { z } from 'zod';
import { ProviderHttpClient } from './ProviderHttpClient';
import { isoFromString, latestIso } from './timestamps';
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

export const DEFAULT_FLAGSMITH_BASE_URL = 'https://api.flagsmith.com';

/**
 * A Django REST Framework list: paged (`results`, `next`) or, for views
 * without pagination, a bare array.
 */
function listSchema<T extends z.ZodType>(item: T) {
  return z.union([
    z.array(item),
    z.object({ results: z.array(item), next: z.string().nullish() }),
  ]);
}

const environmentSchema = z.object({ id: z.number(), name: z.string() });

const tagSchema = z.object({
  id: z.number(),
  label: z.string(),
  is_permanent: z.boolean().nullish(),
  is_system_tag: z.boolean().nullish(),
  type: z.string().nullish(),
});

const featureSchema = z.object({
  id: z.number(),
  name: z.string(),
  created_date: z.string().nullish(),
  is_archived: z.boolean().nullish(),
  tags: z.array(z.number()).nullish(),
  owners: z.array(z.object({ email: z.string().nullish() })).nullish(),
  group_owners: z.array(z.object({ name: z.string().nullish() })).nullish(),
  environment_feature_state: z
    .object({ enabled: z.boolean().nullish() })
    .nullish(),
  last_modified_in_any_environment: z.string().nullish(),
  last_modified_in_current_environment: z.string().nullish(),
});

type FlagsmithTag = z.infer<typeof tagSchema>;
type FlagsmithFeature = z.infer<typeof featureSchema>;

/**
 * Reads a project's flags through the Flagsmith Admin API (v1), with an
 * organisation API key sent as `Authorization: Api-Key <token>`.
 *
 * - `GET /api/v1/environments/?project=<id>` and
 *   `GET /api/v1/projects/<id>/tags/` give environment names and tag labels.
 * - `GET /api/v1/projects/<id>/features/?environment=<env id>&is_archived=false`
 *   is paged through once per environment: each listing carries the flag's
 *   default state in that environment (`environment_feature_state`).
 *   Environment ids are used rather than environment keys so that no key
 *   ever appears in a URL path or an error message.
 *
 * Mapping: Flagsmith has no flag types, so a flag is temporary unless it
 * carries a permanent tag, and its type comes from a tag that names one
 * (else `release` for temporary, `operational` for permanent flags). The
 * system "stale" tag that Flagsmith adds is the provider's stale marker.
 * Segment and identity overrides, and multivariate weights, are not turned
 * into a rollout percentage.
 */
export class FlagsmithClient implements FlagProviderClient {
  readonly provider = 'flagsmith' as const;
  readonly annotation = FLAG_PROVIDER_ANNOTATIONS.flagsmith;

  private readonly http: ProviderHttpClient;
  private readonly pageSize: number;

  constructor(options: FlagProviderClientOptions) {
    this.http = new ProviderHttpClient({
      provider: this.provider,
      displayName: FLAG_PROVIDER_DISPLAY_NAMES.flagsmith,
      baseUrl: options.baseUrl,
      authHeaders: { Authorization: `Api-Key ${options.token}` },
      requestTimeoutMs: options.requestTimeoutMs,
      maxPages: options.maxPages,
    });
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  }

  async fetchProjectFlags(
    projectId: string,
    { signal }: FetchProjectFlagsOptions,
  ): Promise<FeatureFlag[]> {
    const project = encodeURIComponent(projectId);
    const [environments, tags] = await Promise.all([
      this.list(
        '/api/v1/environments/',
        { project: projectId },
        environmentSchema,
        signal,
      ),
      this.list(`/api/v1/projects/${project}/tags/`, {}, tagSchema, signal),
    ]);
    const tagsById = new Map(tags.map(tag => [tag.id, tag]));

    const listFeatures = (environmentId?: number) =>
      this.list(
        `/api/v1/projects/${project}/features/`,
        {
          environment: environmentId,
          is_archived: 'false',
          page_size: this.pageSize,
        },
        featureSchema,
        signal,
      );

    if (environments.length === 0) {
      const features = await listFeatures();
      return features.map(feature => this.toFeatureFlag(feature, [], tagsById));
    }

    // One listing per environment, merged by feature id in first-seen order.
    const merged = new Map<
      number,
      { feature: FlagsmithFeature; environments: FlagEnvironment[] }
    >();
    for (const environment of environments) {
      for (const feature of await listFeatures(environment.id)) {
        const entry = merged.get(feature.id) ?? { feature, environments: [] };
        const lastModifiedAt = isoFromString(
          feature.last_modified_in_current_environment,
        );
        entry.environments.push({
          name: environment.name,
          enabled: feature.environment_feature_state?.enabled ?? false,
          ...(lastModifiedAt && { lastModifiedAt }),
        });
        merged.set(feature.id, entry);
      }
    }
    return [...merged.values()].map(({ feature, environments: states }) =>
      this.toFeatureFlag(feature, states, tagsById),
    );
  }

  /**
   * Reads every page of a list. The `next` link is only used for its page
   * number: behind a TLS-terminating proxy Django builds it with the wrong
   * scheme or host, and the token must not follow it there.
   */
  private async list<T extends z.ZodType>(
    path: string,
    query: Record<string, string | number | undefined>,
    itemSchema: T,
    signal: AbortSignal,
  ): Promise<Array<z.infer<T>>> {
    return this.http.getAllPages({
      firstUrl: this.http.url(path, query),
      schema: listSchema(itemSchema),
      signal,
      items: page => (Array.isArray(page) ? page : page.results),
      nextUrl: page => {
        const next = Array.isArray(page) ? undefined : page.next;
        const pageNumber = next
          ? new URL(next, this.http.baseUrl).searchParams.get('page')
          : null;
        return pageNumber
          ? this.http.url(path, { ...query, page: pageNumber })
          : undefined;
      },
    });
  }

  private toFeatureFlag(
    feature: FlagsmithFeature,
    environments: FlagEnvironment[],
    tagsById: Map<number, FlagsmithTag>,
  ): FeatureFlag {
    const tags = (feature.tags ?? []).flatMap(id => {
      const tag = tagsById.get(id);
      return tag ? [tag] : [];
    });
    const temporary = !tags.some(tag => tag.is_permanent);
    const userTagLabels = tags
      .filter(tag => !tag.is_system_tag)
      .map(tag => tag.label);
    const stale = tags.some(tag => tag.is_system_tag && tag.type === 'STALE');
    const createdAt = isoFromString(feature.created_date);
    const lastModifiedAt =
      isoFromString(feature.last_modified_in_any_environment) ??
      latestIso(environments.map(e => e.lastModifiedAt));
    const owner =
      feature.group_owners?.find(group => group.name)?.name ??
      feature.owners?.find(user => user.email)?.email ??
      undefined;
    return {
      key: feature.name,
      provider: this.provider,
      type: inferFlagType(userTagLabels, temporary),
      temporary,
      archived: feature.is_archived ?? false,
      environments,
      ...(createdAt && { createdAt }),
      ...(lastModifiedAt && { lastModifiedAt }),
      ...(owner && { owner }),
      stale,
      ...(stale && { staleReason: 'tagged stale by Flagsmith' }),
    };
  }
}
