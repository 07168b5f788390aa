import {
  FlagListResponse,
  FlagSnapshotStatus,
  FlagType,
  StoredFeatureFlag,
} from '@internal/plugin-release-scorecard-common';
import { FlagSnapshotEvidence, WriteCounts } from '../evidence';
import { FlagLifetimesDays } from '../flags/staleness';
import { PageRequest, StoredPage } from './pagination';

/** Filters of the organisation-wide flag list; all optional, combined with AND. */
export interface FlagFilter {
  /** Owner group refs, already expanded to their sub-groups. */
  owners?: string[];
  providers?: string[];
  types?: FlagType[];
  /** Only stale (true) or only fresh (false) flags, judged now. */
  stale?: boolean;
  /** Only active (true) or inactive (false) flags. */
  active?: boolean;
  /** Only these entities (what the caller may see), when the catalog restricts it. */
  visibleEntityRefs?: string[];
}

/**
 * Feature flags: the latest snapshot of each entity's flags from each
 * provider, and when each provider last delivered or failed to.
 */
export interface FlagStore {
  /** Replaces the flags of an entity from one provider with a new snapshot. */
  replaceFlagSnapshot(
    snapshot: FlagSnapshotEvidence,
    now: number,
  ): Promise<WriteCounts>;
  /** Keeps the last good snapshot and notes why refreshing it failed. */
  recordFlagSnapshotFailure(
    entityRef: string,
    provider: string,
    error: string,
    now: number,
  ): Promise<void>;
  /** The flags of one entity, in the order they were first stored. */
  listFlags(
    entityRef: string,
    page: PageRequest,
  ): Promise<StoredPage<StoredFeatureFlag>>;
  /** When each provider last refreshed the entity's flags, by provider. */
  listFlagSnapshots(entityRef: string): Promise<FlagSnapshotStatus[]>;
  /**
   * The flags of every entity that match the filter, paged, with their
   * total count and the counts per owner; stale judged at `now`.
   */
  listOrganizationFlags(
    filter: FlagFilter,
    page: PageRequest,
    now: number,
    lifetimes: FlagLifetimesDays,
  ): Promise<FlagListResponse>;
}
