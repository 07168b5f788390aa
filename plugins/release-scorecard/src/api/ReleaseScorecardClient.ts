import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ComplianceResponse,
  DeploymentPage,
  DoraDetails,
  DoraMetrics,
  DoraTrend,
  EntityScorecard,
  entityRefToPath,
  FactsResponse,
  IncidentPage,
  PipelineRunPage,
  RulesResponse,
  RuleStatusChangePage,
} from '@internal/plugin-release-scorecard-common';
import {
  ComplianceFilter,
  DoraWindowOptions,
  DeploymentFilter,
  HistoryFilter,
  IncidentFilter,
  PageOptions,
  ReleaseScorecardApi,
} from './ReleaseScorecardApi';

type QueryValue = string | number | string[] | undefined;
type Query = Record<string, QueryValue>;

/** `?a=1&b=x&b=y`, leaving out empty values; lists become repeated parameters. */
export function toQueryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (item !== undefined && item !== '') {
        params.append(name, String(item));
      }
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function complianceQuery(filter: ComplianceFilter = {}): Query {
  return {
    owner: filter.owner,
    system: filter.system,
    kind: filter.kind,
    type: filter.type,
    lifecycle: filter.lifecycle,
    rule: filter.rule,
    status: filter.status,
    readiness: filter.readiness,
  };
}

/**
 * Talks to the Release Scorecard backend through the app's fetchApi, which
 * adds the user's Backstage token.
 */
export class ReleaseScorecardClient implements ReleaseScorecardApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getScorecard(entityRef: string): Promise<EntityScorecard> {
    return this.getJson(`${entityPath(entityRef)}/scorecard`);
  }

  getDora(entityRef: string, window?: DoraWindowOptions): Promise<DoraMetrics> {
    return this.getJson(`${entityPath(entityRef)}/dora`, { ...window });
  }

  getDoraDetails(
    entityRef: string,
    window?: DoraWindowOptions,
  ): Promise<DoraDetails> {
    return this.getJson(`${entityPath(entityRef)}/dora/details`, {
      ...window,
    });
  }

  getDoraTrend(
    entityRef: string,
    window?: DoraWindowOptions,
  ): Promise<DoraTrend> {
    return this.getJson(`${entityPath(entityRef)}/dora/trend`, { ...window });
  }

  getHistory(
    entityRef: string,
    page?: PageOptions,
    filter?: HistoryFilter,
  ): Promise<RuleStatusChangePage> {
    return this.getJson(`${entityPath(entityRef)}/history`, {
      ...page,
      rule: filter?.rule,
    });
  }

  listDeployments(
    entityRef: string,
    page?: PageOptions,
    filter?: DeploymentFilter,
  ): Promise<DeploymentPage> {
    return this.getJson(`${entityPath(entityRef)}/deployments`, {
      ...page,
      ...(filter?.productionOnly && { production: 'true' }),
    });
  }

  listPipelineRuns(
    entityRef: string,
    page?: PageOptions,
  ): Promise<PipelineRunPage> {
    return this.getJson(`${entityPath(entityRef)}/pipelines`, { ...page });
  }

  listIncidents(
    entityRef: string,
    page?: PageOptions,
    filter?: IncidentFilter,
  ): Promise<IncidentPage> {
    return this.getJson(`${entityPath(entityRef)}/incidents`, {
      ...page,
      ...(filter?.status && { status: filter.status }),
    });
  }

  getCompliance(
    filter?: ComplianceFilter,
    page?: PageOptions,
  ): Promise<ComplianceResponse> {
    return this.getJson('compliance', {
      ...complianceQuery(filter),
      ...page,
    });
  }

  getComplianceChanges(
    filter?: ComplianceFilter,
    options?: PageOptions & { days?: number },
  ): Promise<RuleStatusChangePage> {
    return this.getJson('compliance/changes', {
      ...complianceQuery(filter),
      ...options,
    });
  }

  async downloadComplianceCsv(filter?: ComplianceFilter): Promise<Blob> {
    const response = await this.fetch('compliance', complianceQuery(filter), {
      headers: { Accept: 'text/csv' },
    });
    return response.blob();
  }

  getRules(): Promise<RulesResponse> {
    return this.getJson('rules');
  }

  getFacts(): Promise<FactsResponse> {
    return this.getJson('rules/facts');
  }

  getOwnerDora(
    ownerRef: string,
    window?: DoraWindowOptions,
  ): Promise<DoraMetrics> {
    return this.getJson(`owners/${entityRefToPath(ownerRef)}/dora`, {
      ...window,
    });
  }

  private async getJson<T>(path: string, query?: Query): Promise<T> {
    const response = await this.fetch(path, query, {
      headers: { Accept: 'application/json' },
    });
    return (await response.json()) as T;
  }

  private async fetch(
    path: string,
    query: Query | undefined,
    init: RequestInit,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('release-scorecard');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/${path}${toQueryString(query)}`,
      init,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

function entityPath(entityRef: string): string {
  return `entities/${entityRefToPath(entityRef)}`;
}
