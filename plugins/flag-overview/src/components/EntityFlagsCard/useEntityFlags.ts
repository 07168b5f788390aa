import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  FlagSnapshotStatus,
  StoredFeatureFlag,
} from '@internal/plugin-release-scorecard-common';
import { FlagOverviewApi, flagOverviewApiRef } from '../../api';

/** The backend's largest page. */
const PAGE_SIZE = 500;
/** An entity with more flags than this has a bigger problem than this card. */
const MAX_PAGES = 10;

export interface EntityFlags {
  flags: StoredFeatureFlag[];
  snapshots: FlagSnapshotStatus[];
  /** True when the entity has more flags than the card loads. */
  truncated: boolean;
}

/**
 * Loads every flag of the entity: the card sorts and filters them itself, so
 * it needs all of them, not the first page in storage order.
 */
export async function loadEntityFlags(
  api: FlagOverviewApi,
  entityRef: string,
): Promise<EntityFlags> {
  const flags: StoredFeatureFlag[] = [];
  let snapshots: FlagSnapshotStatus[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await api.getEntityFlags(entityRef, {
      limit: PAGE_SIZE,
      cursor,
    });
    flags.push(...response.items);
    if (page === 0) {
      snapshots = response.snapshots;
    }
    cursor = response.nextCursor;
    if (!cursor) {
      return { flags, snapshots, truncated: false };
    }
  }
  return { flags, snapshots, truncated: true };
}

export function useEntityFlags(entityRef: string) {
  const api = useApi(flagOverviewApiRef);
  return useAsyncRetry(() => loadEntityFlags(api, entityRef), [api, entityRef]);
}
