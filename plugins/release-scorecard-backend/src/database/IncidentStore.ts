import {
  IncidentStatus,
  StoredIncident,
} from '@internal/plugin-release-scorecard-common';
import { IncidentEvidence, WriteCounts } from '../evidence';
import { PageRequest, StoredPage } from './pagination';

/**
 * The incidents of every entity. Each write call is one transaction: a batch
 * is stored whole or not at all.
 */
export interface IncidentStore {
  /** Stores new incidents and merges re-deliveries into the stored ones. */
  upsertIncidents(
    incidents: IncidentEvidence[],
    now: number,
  ): Promise<WriteCounts>;
  /** Newest opened first. */
  listIncidents(
    entityRef: string,
    page: PageRequest,
    filter?: { statuses?: IncidentStatus[] },
  ): Promise<StoredPage<StoredIncident>>;
}
