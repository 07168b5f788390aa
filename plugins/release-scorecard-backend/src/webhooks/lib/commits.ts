import { DeploymentCommit } from '@internal/plugin-release-scorecard-common';
import { z } from 'zod';
import { toIsoTimestamp } from './timestamps';

/**
 * Commits a deployment shipped, as an Argo CD template or a GitHub deployment
 * payload may list them, for lead time for changes.
 */
export const deploymentCommitsSchema = z.array(
  z.object({
    sha: z.string().min(1),
    committedAt: z.string().min(1),
  }),
);

/** The commits with normalised timestamps; `field` names them in errors. */
export function toDeploymentCommits(
  commits: z.infer<typeof deploymentCommitsSchema> | undefined,
  field: string,
): DeploymentCommit[] | undefined {
  return commits?.map((commit, index) => ({
    sha: commit.sha,
    committedAt: toIsoTimestamp(
      commit.committedAt,
      `${field}[${index}].committedAt`,
    ),
  }));
}
