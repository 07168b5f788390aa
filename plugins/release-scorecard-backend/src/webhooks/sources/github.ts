import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ANNOTATIONS,
  DEPLOYMENT_STRATEGIES,
  DeploymentCommit,
  DeploymentStatus,
  DeploymentStrategy,
  GateStatus,
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
  verifyHmacSha256Hex,
} from '@internal/plugin-release-scorecard-node';
import { deploymentCommitsSchema, toDeploymentCommits } from '../lib';
import {
  EntityLookup,
  WebhookMapResult,
  WebhookRequest,
  WebhookSource,
} from '@internal/plugin-release-scorecard-node';

/** The catalog annotation that names a component's repository. */
export const GITHUB_PROJECT_SLUG_ANNOTATION = ANNOTATIONS.githubProjectSlug;

const repositorySchema = z.object({ full_name: z.string().min(1) });

const workflowRunEventSchema = z.object({
  action: z.string(),
  workflow_run: z.object({
    name: z.string().nullable().optional(),
    head_sha: z.string().min(1),
    head_branch: z.string().nullable().optional(),
    conclusion: z.string(),
    html_url: z.string(),
    created_at: z.string(),
    run_started_at: z.string().optional(),
    updated_at: z.string(),
  }),
  workflow: z.object({ name: z.string() }).optional(),
  repository: repositorySchema,
});

const deploymentStatusEventSchema = z.object({
  action: z.string(),
  deployment_status: z.object({
    state: z.string().min(1),
    environment: z.string().optional(),
    target_url: z.string().nullable().optional(),
    log_url: z.string().nullable().optional(),
    created_at: z.string(),
  }),
  deployment: z.object({
    id: z.number(),
    sha: z.string().min(1),
    environment: z.string().min(1),
    // The REST API accepts the payload as an object or as a JSON string.
    payload: z
      .union([z.record(z.string(), z.unknown()), z.string()])
      .nullable()
      .optional(),
    created_at: z.string(),
  }),
  repository: repositorySchema,
});

// What we read from `deployment.payload`, which the deploying workflow fills.
const deploymentPayloadSchema = z.object({
  strategy: z.unknown().optional(),
  version: z.string().optional(),
  commits: deploymentCommitsSchema.optional(),
});

const workflowGatesSchema = z.record(z.string(), z.string().min(1));

const CONCLUSION_STATUSES: Record<string, GateStatus> = {
  success: 'passed',
  failure: 'failed',
  timed_out: 'failed',
  cancelled: 'failed',
  startup_failure: 'failed',
  skipped: 'skipped',
  neutral: 'skipped',
};

const DEPLOYMENT_STATES: Record<string, DeploymentStatus> = {
  success: 'succeeded',
  failure: 'failed',
  error: 'failed',
  in_progress: 'in-progress',
  queued: 'in-progress',
  pending: 'in-progress',
};

function repositoryLookup(fullName: string): EntityLookup {
  return {
    type: 'annotation',
    annotation: GITHUB_PROJECT_SLUG_ANNOTATION,
    value: fullName,
  };
}

function readWorkflowGates(sourceConfig: Config): Record<string, string> {
  const value = sourceConfig.getOptional('workflowGates') ?? {};
  const result = workflowGatesSchema.safeParse(value);
  if (!result.success) {
    // An operator's mistake, not the caller's: no InputError.
    throw new Error(
      'releaseScorecard.webhooks.github.workflowGates must map workflow names to gate names',
    );
  }
  return result.data;
}

function mapWorkflowRun(body: unknown, sourceConfig: Config): WebhookMapResult {
  const { action } = parseWithSchema(
    z.object({ action: z.string() }),
    body,
    'GitHub workflow_run payload',
  );
  const eventType = `workflow_run.${action}`;
  if (action !== 'completed') {
    return {
      kind: 'ignored',
      eventType,
      reason: `Only completed workflow runs report a gate, this one is ${action}`,
    };
  }
  const event = parseWithSchema(
    workflowRunEventSchema,
    body,
    'GitHub workflow_run payload',
  );
  const run = event.workflow_run;

  const status = CONCLUSION_STATUSES[run.conclusion];
  if (!status) {
    return {
      kind: 'ignored',
      eventType,
      reason: `The conclusion ${run.conclusion} is not a gate result`,
    };
  }

  // `workflow_run.name` is the workflow's name; older payloads leave it empty.
  const workflowName = nonEmpty(run.name) ?? nonEmpty(event.workflow?.name);
  if (!workflowName) {
    throw new InputError(
      'Invalid GitHub workflow_run payload: workflow_run.name: the workflow has no name',
    );
  }
  const gate =
    readWorkflowGates(sourceConfig)[workflowName] ?? toGateName(workflowName);
  if (!gate) {
    throw new InputError(
      `Invalid GitHub workflow_run payload: workflow_run.name: "${workflowName}" does not make a gate name`,
    );
  }

  return {
    kind: 'event',
    event: {
      eventType,
      lookup: repositoryLookup(event.repository.full_name),
      gateReports: [
        compact({
          // No runId: the workflows of one commit join one pipeline run.
          revision: run.head_sha,
          branch: nonEmpty(run.head_branch),
          startedAt: toIsoTimestamp(
            run.run_started_at ?? run.created_at,
            'workflow_run.run_started_at',
          ),
          gate,
          status,
          url: isHttpUrl(run.html_url) ? run.html_url : undefined,
          reportedAt: toIsoTimestamp(run.updated_at, 'workflow_run.updated_at'),
        }),
      ],
    },
  };
}

/** Strategy, version and commits the deploying workflow put in `deployment.payload`. */
function parseDeploymentPayload(
  payload: Record<string, unknown> | string | null | undefined,
): {
  strategy: DeploymentStrategy;
  version?: string;
  commits?: DeploymentCommit[];
} {
  let value: unknown = payload ?? {};
  if (typeof value === 'string') {
    try {
      value = value.trim() ? JSON.parse(value) : {};
    } catch {
      // Free text is allowed in `payload`; it just tells us nothing.
      value = {};
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { strategy: 'unknown' };
  }
  const parsed = parseWithSchema(
    deploymentPayloadSchema,
    value,
    'GitHub deployment payload (deployment.payload)',
  );
  const strategy = DEPLOYMENT_STRATEGIES.find(
    known => known === parsed.strategy,
  );
  return {
    strategy: strategy ?? 'unknown',
    version: nonEmpty(parsed.version),
    commits: toDeploymentCommits(parsed.commits, 'deployment.payload.commits'),
  };
}

function mapDeploymentStatus(body: unknown): WebhookMapResult {
  const event = parseWithSchema(
    deploymentStatusEventSchema,
    body,
    'GitHub deployment_status payload',
  );
  const { deployment, deployment_status: deploymentStatus } = event;
  const eventType = `deployment_status.${event.action}`;

  const status = DEPLOYMENT_STATES[deploymentStatus.state];
  if (!status) {
    return {
      kind: 'ignored',
      eventType,
      reason: `The deployment state ${deploymentStatus.state} does not change a deployment`,
    };
  }

  const { strategy, version, commits } = parseDeploymentPayload(
    deployment.payload,
  );
  const url = [deploymentStatus.log_url, deploymentStatus.target_url].find(
    isHttpUrl,
  );

  return {
    kind: 'event',
    event: {
      eventType,
      lookup: repositoryLookup(event.repository.full_name),
      deployments: [
        compact({
          id: String(deployment.id),
          environment:
            nonEmpty(deploymentStatus.environment) ?? deployment.environment,
          revision: deployment.sha,
          version,
          strategy,
          gitops: false,
          status,
          startedAt: toIsoTimestamp(
            deployment.created_at,
            'deployment.created_at',
          ),
          finishedAt:
            status === 'in-progress'
              ? undefined
              : toIsoTimestamp(
                  deploymentStatus.created_at,
                  'deployment_status.created_at',
                ),
          commits,
          url,
        }),
      ],
    },
  };
}

/** Maps a GitHub webhook delivery; the event name is in `X-GitHub-Event`. */
export function mapGitHubEvent(
  request: WebhookRequest,
  sourceConfig: Config,
): WebhookMapResult {
  const eventName = getHeader(request, 'x-github-event');
  if (!eventName) {
    throw new InputError('The X-GitHub-Event header is missing');
  }
  if (eventName === 'ping') {
    return {
      kind: 'ignored',
      eventType: 'ping',
      reason: 'GitHub sends ping when the webhook is created',
    };
  }
  if (eventName !== 'workflow_run' && eventName !== 'deployment_status') {
    return {
      kind: 'ignored',
      eventType: eventName,
      reason: `The ${eventName} event is not used; subscribe to workflow_run and deployment_status`,
    };
  }
  const body = parseJsonBody(request.rawBody);
  return eventName === 'workflow_run'
    ? mapWorkflowRun(body, sourceConfig)
    : mapDeploymentStatus(body);
}

/** GitHub webhooks: workflow runs become gates, deployment statuses deployments. */
export const githubWebhookSource: WebhookSource = {
  name: 'github',
  verify: (request, secret) =>
    verifyHmacSha256Hex(
      getHeader(request, 'x-hub-signature-256'),
      secret,
      request.rawBody,
      'sha256=',
    ),
  map: mapGitHubEvent,
};
