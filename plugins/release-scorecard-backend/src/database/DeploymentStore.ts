import { StoredDeployment } from '@internal/plugin-release-scorecard-common';
import {
  DeploymentEvidence,
  DeploymentPatchEvidence,
  WriteCounts,
} from '../evidence';
import { PageRequest, StoredPage } from './pagination';

/**
 * The deployments of every entity, with the commits each one shipped. Each
 * write call is one transaction: a batch is stored whole or not at all.
 */
export interface DeploymentStore {
  /** Stores new deployments and merges re-deliveries into the stored ones. */
  upsertDeployments(
    deployments: DeploymentEvidence[],
    now: number,
  ): Promise<WriteCounts>;
  /**
   * Changes the latest deployment of each patch's entity and environment
   * (Argo Rollouts reports no deployment id), or starts one.
   */
  applyDeploymentPatches(
    patches: DeploymentPatchEvidence[],
    now: number,
  ): Promise<WriteCounts>;
  /** Newest first; `environments` compared case-insensitively. */
  listDeployments(
    entityRef: string,
    page: PageRequest,
    filter?: { environments?: string[] },
  ): Promise<StoredPage<StoredDeployment>>;
}
