import {
  ANNOTATIONS,
  DeploymentStatus,
  GateStatus,
  PipelineGate,
} from '@internal/plugin-release-scorecard-common';
import { z } from 'zod';
import {
  compact,
  getHeader,
  isHttpUrl,
  nonEmpty,
  parseJsonBody,
  parseWithSchema,
  toGateName,
  toIsoTimestamp,
  toOptionalIsoTimestamp,
  verifySharedToken,
} from '@internal/plugin-release-scorecard-node';
import {
  EntityLookup,
  WebhookMapResult,
  WebhookSource,
} from '@internal/plugin-release-scorecard-node';

/** The catalog annotation that names a component's GitLab project. */
export const GITLAB_PROJECT_SLUG_ANNOTATION = ANNOTATIONS.gitlabProjectSlug;

const projectSchema = z.object({
  path_with_namespace: z.string().min(1),
  web_url: z.string().optional(),
});

const pipelineHookSchema = z.object({
  object_attributes: z.object({
    id: z.number(),
    ref: z.string(),
    tag: z.boolean().optional(),
    sha: z.string().min(1),
    status: z.string(),
    created_at: z.string(),
    finished_at: z.string().nullable().optional(),
    url: z.string().optional(),
  }),
  merge_request: z.object({ source_branch: z.string() }).nullable().optional(),
  project: projectSchema,
  builds: z
    .array(
      z.object({
        id: z.number(),
        name: z.string(),
        status: z.string(),
        environment: z.object({ name: z.string() }).nullable().optional(),
      }),
    )
    .optional(),
});

const deploymentHookSchema = z.object({
  status: z.string(),
  status_changed_at: z.string(),
  deployment_id: z.number(),
  deployable_url: z.string().nullable().optional(),
  environment: z.string().min(1),
  short_sha: z.string().min(1),
  commit_url: z.string(),
  project: projectSchema,
});

const FINISHED_PIPELINE_STATUSES = ['success', 'failed', 'canceled'];

const JOB_STATUSES: Record<string, GateStatus> = {
  success: 'passed',
  failed: 'failed',
  canceled: 'failed',
};

// A canceled deployment never finished: it counts as not succeeded rather
// than staying in progress forever.
const DEPLOYMENT_STATUSES: Record<string, DeploymentStatus> = {
  running: 'in-progress',
  success: 'succeeded',
  failed: 'failed',
  canceled: 'failed',
};

const GATE_STATUS_SEVERITY: Record<GateStatus, number> = {
  skipped: 0,
  passed: 1,
  failed: 2,
};

function projectLookup(pathWithNamespace: string): EntityLookup {
  return {
    type: 'annotation',
    annotation: GITLAB_PROJECT_SLUG_ANNOTATION,
    value: pathWithNamespace,
  };
}

/**
 * The gate of a job: parallel (`rspec 1/3`) and matrix (`test: [ruby, 3.3]`)
 * suffixes are dropped so that all instances of a job make one gate.
 */
export function gitlabJobGateName(jobName: string): string {
  return toGateName(
    jobName.replace(/\s+\d+\/\d+$/, '').replace(/:\s*\[.*\]$/, ''),
  );
}

/**
 * One gate per job name, in the order the jobs were created (the hook lists
 * the latest first); deploy jobs (those with an environment) are
 * deployments, not gates. Jobs that never ran are `skipped`; when several
 * jobs make a gate, the worst status wins.
 */
function gatesFromJobs(
  jobs: z.infer<typeof pipelineHookSchema>['builds'],
  projectWebUrl: string | undefined,
): PipelineGate[] {
  const gates = new Map<string, PipelineGate>();
  const jobsInOrder = [...(jobs ?? [])].sort((a, b) => a.id - b.id);
  for (const job of jobsInOrder) {
    const gate = gitlabJobGateName(job.name);
    if (job.environment || !gate) {
      continue;
    }
    const status = JOB_STATUSES[job.status] ?? 'skipped';
    const url = projectWebUrl ? `${projectWebUrl}/-/jobs/${job.id}` : undefined;
    const known = gates.get(gate);
    if (
      !known ||
      GATE_STATUS_SEVERITY[status] > GATE_STATUS_SEVERITY[known.status]
    ) {
      gates.set(
        gate,
        compact({ gate, status, url: isHttpUrl(url) ? url : undefined }),
      );
    }
  }
  return [...gates.values()];
}

function mapPipelineHook(body: unknown): WebhookMapResult {
  const hook = parseWithSchema(
    pipelineHookSchema,
    body,
    'GitLab Pipeline Hook payload',
  );
  const pipeline = hook.object_attributes;
  const eventType = `pipeline.${pipeline.status}`;
  if (!FINISHED_PIPELINE_STATUSES.includes(pipeline.status)) {
    return {
      kind: 'ignored',
      eventType,
      reason: `The pipeline is ${pipeline.status}; only finished pipelines (success, failed, canceled) are recorded`,
    };
  }

  // A tag pipeline builds a release: its ref is the version.
  const isTag = pipeline.tag === true;
  const branch = isTag
    ? undefined
    : nonEmpty(hook.merge_request?.source_branch) ?? nonEmpty(pipeline.ref);

  return {
    kind: 'event',
    event: {
      eventType,
      lookup: projectLookup(hook.project.path_with_namespace),
      pipelineRuns: [
        compact({
          id: String(pipeline.id),
          revision: pipeline.sha,
          version: isTag ? nonEmpty(pipeline.ref) : undefined,
          branch,
          startedAt: toIsoTimestamp(
            pipeline.created_at,
            'object_attributes.created_at',
          ),
          finishedAt: toOptionalIsoTimestamp(
            pipeline.finished_at,
            'object_attributes.finished_at',
          ),
          gates: gatesFromJobs(hook.builds, hook.project.web_url),
          url: isHttpUrl(pipeline.url) ? pipeline.url : undefined,
        }),
      ],
    },
  };
}

function mapDeploymentHook(body: unknown): WebhookMapResult {
  const hook = parseWithSchema(
    deploymentHookSchema,
    body,
    'GitLab Deployment Hook payload',
  );
  const eventType = `deployment.${hook.status}`;
  const status = DEPLOYMENT_STATUSES[hook.status];
  if (!status) {
    return {
      kind: 'ignored',
      eventType,
      reason: `The deployment status ${hook.status} does not change a deployment`,
    };
  }

  // The hook carries the full SHA only inside commit_url.
  const revision =
    /\/commit\/([0-9a-f]{7,64})\/?$/i.exec(hook.commit_url)?.[1] ??
    hook.short_sha;
  const changedAt = toIsoTimestamp(hook.status_changed_at, 'status_changed_at');

  return {
    kind: 'event',
    event: {
      eventType,
      lookup: projectLookup(hook.project.path_with_namespace),
      deployments: [
        compact({
          id: String(hook.deployment_id),
          environment: hook.environment,
          revision,
          strategy: 'unknown' as const,
          gitops: false,
          status,
          // The hook only says when the status changed; the first delivery
          // (running) carries the start.
          startedAt: changedAt,
          finishedAt: status === 'in-progress' ? undefined : changedAt,
          url: isHttpUrl(hook.deployable_url) ? hook.deployable_url : undefined,
        }),
      ],
    },
  };
}

/** Maps a GitLab project or group webhook delivery by its `object_kind`. */
export function mapGitLabEvent(body: unknown): WebhookMapResult {
  const { object_kind: objectKind } = parseWithSchema(
    z.object({ object_kind: z.string() }),
    body,
    'GitLab webhook payload',
  );
  switch (objectKind) {
    case 'pipeline':
      return mapPipelineHook(body);
    case 'deployment':
      return mapDeploymentHook(body);
    default:
      return {
        kind: 'ignored',
        eventType: objectKind,
        reason: `The ${objectKind} event is not used; enable Pipeline events and Deployment events`,
      };
  }
}

/** GitLab webhooks: finished pipelines with their job gates, and deployments. */
export const gitlabWebhookSource: WebhookSource = {
  name: 'gitlab',
  verify: (request, secret) =>
    verifySharedToken(getHeader(request, 'x-gitlab-token'), secret),
  map: request => mapGitLabEvent(parseJsonBody(request.rawBody)),
};
