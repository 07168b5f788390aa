import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  EntityFlagsResponse,
  FlagListResponse,
  FlagType,
} from '@internal/plugin-release-scorecard-common';

/** One page of a list: how many items, and where to continue. */
export interface PageRequest {
  /** 1..500; the backend answers 50 when omitted. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** Filters of the organisation-wide flag list (`GET /flags`). */
export interface FlagListQuery extends PageRequest {
  /** An owner entity ref; a group includes its sub-groups. */
  owner?: string;
  provider?: string;
  type?: FlagType;
  /** `true`: only stale flags, `false`: only flags that are not stale. */
  stale?: boolean;
}

/** Reads feature flags from the Release Scorecard backend. */
export interface FlagOverviewApi {
  /** The flags of one entity and the state of each provider's snapshot. */
  getEntityFlags(
    entityRef: string | CompoundEntityRef,
    page?: PageRequest,
  ): Promise<EntityFlagsResponse>;
  /** Flags across the organisation, with active and stale counts per owner. */
  listFlags(query?: FlagListQuery): Promise<FlagListResponse>;
}

export const flagOverviewApiRef = createApiRef<FlagOverviewApi>({
  id: 'plugin.flag-overview.service',
});
