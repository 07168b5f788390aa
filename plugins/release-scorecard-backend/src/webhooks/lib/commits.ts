import { DeploymentCommit } from '@internal/plugin-release-scorecard-common';
import { z } from 'zod';
import { toIsoTimestamp } from '@internal/plugin-release-scorecard-node';

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

/**
 * The commits with normalised timestamps, each sha once: a template that
 * lists a commit twice names one commit, at its earliest time. `field` names
 * them in errors.
 */
export function toDeploymentCommits(
  commits: z.infer<typeof deploymentCommitsSchema> | undefined,
  field: string,
): DeploymentCommit[] | undefined {
  if (!commits) {
    return undefined;
  }
  const bySha = new Map<string, DeploymentCommit>();
  commits.forEach((commit, index) => {
    const sha = commit.sha.toLocaleLowerCase('en-US');
    const committedAt = toIsoTimestamp(
      commit.committedAt,
      `${field}[${index}].committedAt`,
    );
    const seen = bySha.get(sha);
    if (!seen || committedAt < seen.committedAt) {
      bySha.set(sha, { sha, committedAt });
    }
  });
  return [...bySha.values()];
}
