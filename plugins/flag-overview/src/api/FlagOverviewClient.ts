import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityFlagsResponse,
  FlagListResponse,
  entityRefToPath,
} from '@internal/plugin-release-scorecard-common';
import { FlagListQuery, FlagOverviewApi, PageRequest } from './FlagOverviewApi';

/** The backend plugin that serves the flags. */
export const RELEASE_SCORECARD_PLUGIN_ID = 'release-scorecard';

type QueryValue = string | number | boolean | undefined;

/** Talks to the Release Scorecard backend through the app's fetch and discovery APIs. */
export class FlagOverviewClient implements FlagOverviewApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityFlags(
    entityRef: string | CompoundEntityRef,
    page: PageRequest = {},
  ): Promise<EntityFlagsResponse> {
    const ref =
      typeof entityRef === 'string' ? entityRef : stringifyEntityRef(entityRef);
    return this.get(`/entities/${entityRefToPath(ref)}/flags`, {
      limit: page.limit,
      cursor: page.cursor,
    });
  }

  async listFlags(query: FlagListQuery = {}): Promise<FlagListResponse> {
    return this.get('/flags', {
      owner: query.owner,
      provider: query.provider,
      type: query.type,
      stale: query.stale,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  private async get<T>(
    path: string,
    query: Record<string, QueryValue>,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(
      RELEASE_SCORECARD_PLUGIN_ID,
    );
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        params.set(name, String(value));
      }
    }
    const search = params.toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
