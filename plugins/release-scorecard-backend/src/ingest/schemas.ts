/*
 * Validation of push API bodies and of the records webhook sources map
 * tool payloads to: one set of rules for both. A batch is validated whole
 * before anything is written; the error names the item index and the field,
 * e.g. `deployments[3].status: …`.
 */
import { InputError } from '@backstage/errors';
import {
  DEPLOYMENT_STATUSES,
  DEPLOYMENT_STRATEGIES,
  FLAG_TYPES,
  GATE_STATUSES,
  INCIDENT_SEVERITIES,
  INCIDENT_STATUSES,
  normalizeEntityRef,
} from '@internal/plugin-release-scorecard-common';
import { z } from 'zod';
import { containsNulCharacter, NUL_CHARACTER_MESSAGE } from './storableText';

const MAX_ISSUES_REPORTED = 10;

const HOUR_MS = 3_600_000;

/** Times a record may carry: not before `earliest`, not beyond now + `maxFutureMs`. */
export interface AcceptedTimeRange {
  /** Epoch ms of the earliest time accepted. */
  earliest: number;
  /** How far past the receiving clock a time may be (clock skew), in ms. */
  maxFutureMs: number;
}

/** Before 2000 or more than a day ahead is a sender's bug, not history. */
export const DEFAULT_ACCEPTED_TIMES: AcceptedTimeRange = {
  earliest: Date.parse('2000-01-01T00:00:00Z'),
  maxFutureMs: 24 * HOUR_MS,
};

export interface IngestSchemaOptions {
  maxBatchSize: number;
  acceptedTimes: AcceptedTimeRange;
  /** The receiving clock; times are judged against it when a body arrives. */
  now?: () => number;
}

const isoDateTime = z.iso.datetime({
  offset: true,
  error:
    'must be an ISO 8601 date-time with a time zone, e.g. 2026-10-01T12:00:00Z',
});

export const entityRefSchema = z
  .string({
    error: 'must be an entity ref such as component:default/payments-api',
  })
  .max(255, 'must be at most 255 characters')
  .refine(text => !containsNulCharacter(text), NUL_CHARACTER_MESSAGE)
  .transform((text, ctx) => {
    const normalized = normalizeEntityRef(text);
    if (!normalized) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an entity ref such as component:default/payments-api',
      });
      return z.NEVER;
    }
    return normalized;
  });

const shortText = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(text => !containsNulCharacter(text), NUL_CHARACTER_MESSAGE);

const recordId = shortText(255);

// Links are rendered in the portal: only http(s), never javascript: or data:.
const webUrl = z
  .url({
    protocol: /^https?$/,
    error: 'must be an http(s) URL',
  })
  .refine(text => !containsNulCharacter(text), NUL_CHARACTER_MESSAGE);

const metricName = /^[A-Za-z][A-Za-z0-9_]*$/;
const gateName = /^[a-z0-9][a-z0-9_-]*$/;

/** Metrics that are ratios must be 0..1; a percentage sent by mistake is caught. */
const RATIO_METRICS = new Set(['coverage', 'errorRate']);

// zod leaves a `__proto__` key out of a record without an error; a metric
// cannot be named that, so it is refused like any other bad name.
const withoutProtoKey = z.unknown().superRefine((value, ctx) => {
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.prototype.hasOwnProperty.call(value, '__proto__')
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['__proto__'],
      message: 'metric names are letters, digits and _',
    });
  }
});

const gateMetrics = withoutProtoKey.pipe(
  z
    .record(
      z.string().regex(metricName, 'metric names are letters, digits and _'),
      z.number({ error: 'must be a number' }).finite('must be a finite number'),
    )
    .superRefine((metrics, ctx) => {
      for (const [name, value] of Object.entries(metrics)) {
        if (RATIO_METRICS.has(name) && (value < 0 || value > 1)) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: 'must be a ratio from 0 to 1 (e.g. 0.85 for 85 %)',
          });
        }
      }
    }),
);

const gateSchema = z
  .string({ error: 'must be a string' })
  .max(128, 'must be at most 128 characters')
  .regex(
    gateName,
    'must be lower-case letters, digits, - and _ (e.g. unit-tests)',
  );

const providerName = z
  .string({ error: 'must be a string' })
  .regex(
    /^[a-z0-9][a-z0-9-]{0,63}$/,
    'must be lower-case letters, digits and - (e.g. unleash)',
  );

/**
 * Refuses the second item of `list` whose key was seen before: a list
 * inside one record names each thing once, and storing both would
 * contradict itself or break a unique key. `keyOf` normalises the key where
 * two spellings are one thing (a sha in any case).
 */
function refuseDuplicates<T>(
  list: ReadonlyArray<T>,
  keyOf: (item: T) => string,
  ctx: z.RefinementCtx,
  path: ReadonlyArray<string | number>,
  field: string,
  within: string,
) {
  const firstIndex = new Map<string, number>();
  list.forEach((item, index) => {
    const key = keyOf(item);
    const first = firstIndex.get(key);
    if (first === undefined) {
      firstIndex.set(key, index);
      return;
    }
    ctx.addIssue({
      code: 'custom',
      path: [...path, index, field],
      message: `'${keyOf(
        item,
      )}' appears twice in the ${within} (also at [${first}]); list it once`,
    });
  });
}

function finishedNotBeforeStarted(
  record: { startedAt: string; finishedAt?: string },
  ctx: z.RefinementCtx,
) {
  if (
    record.finishedAt &&
    Date.parse(record.finishedAt) < Date.parse(record.startedAt)
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['finishedAt'],
      message: 'must not be before startedAt',
    });
  }
}

function checkDeployment(
  deployment: {
    status: string;
    startedAt: string;
    finishedAt?: string;
    commits?: Array<{ sha: string }>;
  },
  ctx: z.RefinementCtx,
) {
  finishedNotBeforeStarted(deployment, ctx);
  if (deployment.status !== 'in-progress' && !deployment.finishedAt) {
    ctx.addIssue({
      code: 'custom',
      path: ['finishedAt'],
      message: `is required when status is ${deployment.status}`,
    });
  }
  refuseDuplicates(
    deployment.commits ?? [],
    commit => commit.sha.toLocaleLowerCase('en-US'),
    ctx,
    ['commits'],
    'sha',
    'deployment',
  );
}

function checkIncident(
  incident: {
    status: string;
    openedAt: string;
    resolvedAt?: string;
    reopenedAt?: string;
  },
  ctx: z.RefinementCtx,
) {
  const at = (text: string) => Date.parse(text);
  if (incident.status === 'resolved' && !incident.resolvedAt) {
    ctx.addIssue({
      code: 'custom',
      path: ['resolvedAt'],
      message: 'is required when status is resolved',
    });
  }
  if (incident.resolvedAt && at(incident.resolvedAt) < at(incident.openedAt)) {
    ctx.addIssue({
      code: 'custom',
      path: ['resolvedAt'],
      message: 'must not be before openedAt',
    });
  }
  if (incident.reopenedAt && at(incident.reopenedAt) < at(incident.openedAt)) {
    ctx.addIssue({
      code: 'custom',
      path: ['reopenedAt'],
      message: 'must not be before openedAt',
    });
  }
  if (
    incident.reopenedAt &&
    incident.resolvedAt &&
    at(incident.resolvedAt) < at(incident.reopenedAt)
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['resolvedAt'],
      message: 'must not be before reopenedAt',
    });
  }
}

function batchOf<T extends z.ZodType>(
  field: string,
  item: T,
  maxBatchSize: number,
) {
  return z.strictObject({
    [field]: z
      .array(item, { error: `must be an array of records` })
      .min(1, 'must hold at least one record')
      .max(
        maxBatchSize,
        `must hold at most ${maxBatchSize} records per request`,
      ),
  });
}

/**
 * The schemas of every push body and of mapped webhook events. Times are
 * checked against `acceptedTimes` when a body is parsed.
 */
export function createIngestSchemas(options: IngestSchemaOptions) {
  const { acceptedTimes, maxBatchSize } = options;
  const now = options.now ?? Date.now;
  const earliestText = new Date(acceptedTimes.earliest).toISOString();
  const time = isoDateTime.superRefine((text, ctx) => {
    const at = Date.parse(text);
    if (at < acceptedTimes.earliest) {
      ctx.addIssue({
        code: 'custom',
        message: `must not be before ${earliestText}`,
      });
    } else if (at > now() + acceptedTimes.maxFutureMs) {
      ctx.addIssue({
        code: 'custom',
        message: `must not be more than ${
          acceptedTimes.maxFutureMs / HOUR_MS
        } hours in the future`,
      });
    }
  });

  const deploymentFields = {
    id: recordId,
    environment: shortText(255),
    revision: shortText(255),
    version: shortText(255).optional(),
    strategy: z.enum(DEPLOYMENT_STRATEGIES, {
      error: `must be one of ${DEPLOYMENT_STRATEGIES.join(', ')}`,
    }),
    gitops: z.boolean({ error: 'must be true or false' }),
    status: z.enum(DEPLOYMENT_STATUSES, {
      error: `must be one of ${DEPLOYMENT_STATUSES.join(', ')}`,
    }),
    startedAt: time,
    finishedAt: time.optional(),
    commits: z
      .array(z.strictObject({ sha: shortText(64), committedAt: time }))
      .max(1000, 'at most 1000 commits per deployment')
      .optional(),
    url: webUrl.optional(),
  };

  const pipelineGate = z.strictObject({
    gate: gateSchema,
    status: z.enum(GATE_STATUSES, {
      error: `must be one of ${GATE_STATUSES.join(', ')}`,
    }),
    metrics: gateMetrics.optional(),
    url: webUrl.optional(),
  });
  const pipelineRunFields = {
    id: recordId,
    revision: shortText(255),
    version: shortText(255).optional(),
    branch: shortText(255).optional(),
    startedAt: time,
    finishedAt: time.optional(),
    gates: z.array(pipelineGate).max(100, 'at most 100 gates per run'),
    url: webUrl.optional(),
  };
  const checkRun = (
    run: {
      startedAt: string;
      finishedAt?: string;
      gates: Array<{ gate: string }>;
    },
    ctx: z.RefinementCtx,
  ) => {
    finishedNotBeforeStarted(run, ctx);
    refuseDuplicates(run.gates, g => g.gate, ctx, ['gates'], 'gate', 'run');
  };

  const incidentFields = {
    id: recordId,
    title: shortText(1000),
    severity: z.enum(INCIDENT_SEVERITIES, {
      error: `must be one of ${INCIDENT_SEVERITIES.join(', ')}`,
    }),
    status: z.enum(INCIDENT_STATUSES, {
      error: `must be one of ${INCIDENT_STATUSES.join(', ')}`,
    }),
    openedAt: time,
    resolvedAt: time.optional(),
    reopenedAt: time.optional(),
    deploymentId: recordId.optional(),
    url: webUrl.optional(),
  };

  const featureFlag = z
    .strictObject({
      key: shortText(255),
      name: shortText(255).optional(),
      provider: providerName.optional(),
      type: z.enum(FLAG_TYPES, {
        error: `must be one of ${FLAG_TYPES.join(', ')}`,
      }),
      temporary: z.boolean({ error: 'must be true or false' }),
      archived: z.boolean({ error: 'must be true or false' }).default(false),
      environments: z
        .array(
          z.strictObject({
            name: shortText(255),
            enabled: z.boolean({ error: 'must be true or false' }),
            rolloutPercent: z
              .number({ error: 'must be a number' })
              .min(0, 'must be from 0 to 100')
              .max(100, 'must be from 0 to 100')
              .optional(),
            lastModifiedAt: time.optional(),
          }),
        )
        .max(100, 'at most 100 environments'),
      createdAt: time.optional(),
      lastModifiedAt: time.optional(),
      owner: shortText(255).optional(),
      stale: z.boolean({ error: 'must be true or false' }).default(false),
      staleReason: shortText(1000).optional(),
      url: webUrl.optional(),
    })
    .superRefine((flag, ctx) =>
      refuseDuplicates(
        flag.environments,
        env => env.name,
        ctx,
        ['environments'],
        'name',
        'flag',
      ),
    );

  const deployment = z
    .strictObject({ ...deploymentFields, entityRef: entityRefSchema })
    .superRefine(checkDeployment);
  const pipelineRun = z
    .strictObject({ ...pipelineRunFields, entityRef: entityRefSchema })
    .superRefine(checkRun);
  const incident = z
    .strictObject({ ...incidentFields, entityRef: entityRefSchema })
    .superRefine(checkIncident);

  // What a webhook source maps a delivery to: the same records without the
  // entity (found by lookup), so a tool's payload meets the push API's rules.
  const webhookEvent = z.object({
    deployments: z
      .array(z.strictObject(deploymentFields).superRefine(checkDeployment))
      .optional(),
    deploymentPatches: z
      .array(
        z.object({
          environment: shortText(255),
          fallbackId: recordId,
          revision: shortText(255).optional(),
          version: shortText(255).optional(),
          startedAt: time,
          finishedAt: time.optional(),
        }),
      )
      .optional(),
    pipelineRuns: z
      .array(z.strictObject(pipelineRunFields).superRefine(checkRun))
      .optional(),
    gateReports: z
      .array(
        z.object({
          runId: recordId.optional(),
          revision: shortText(255),
          gate: gateSchema,
          metrics: gateMetrics.optional(),
          startedAt: time.optional(),
          reportedAt: time,
        }),
      )
      .optional(),
    incidents: z
      .array(z.strictObject(incidentFields).superRefine(checkIncident))
      .optional(),
  });

  return {
    deploymentsBatch: batchOf('deployments', deployment, maxBatchSize),
    runsBatch: batchOf('runs', pipelineRun, maxBatchSize),
    incidentsBatch: batchOf('incidents', incident, maxBatchSize),
    flagSnapshot: z
      .strictObject({
        entityRef: entityRefSchema,
        provider: providerName,
        flags: z
          .array(featureFlag, { error: 'must be an array of flags' })
          .max(
            maxBatchSize,
            `must hold at most ${maxBatchSize} flags per request`,
          ),
      })
      .superRefine((snapshot, ctx) =>
        refuseDuplicates(
          snapshot.flags,
          flag => flag.key,
          ctx,
          ['flags'],
          'key',
          'snapshot',
        ),
      ),
    webhookEvent,
  };
}

/** The schemas of one backend, by what they validate. */
export type IngestSchemas = ReturnType<typeof createIngestSchemas>;

/** `deployments[3].commits[0].sha` from zod's path segments. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') {
      return `${text}[${segment}]`;
    }
    return text ? `${text}.${String(segment)}` : String(segment);
  }, '');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = formatIssuePath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    return `${path ? `${path}: ` : ''}unknown field${
      issue.keys.length > 1 ? 's' : ''
    } ${keys}`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `${path || 'body'}: is required`;
  }
  return `${path || 'body'}: ${issue.message}`;
}

/** Parses with `schema` or throws InputError listing what is wrong, field by field. */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  body: unknown,
  what: string,
): z.output<T> {
  // With the input in each issue, a field of the wrong type is told apart
  // from a missing one.
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) {
    return result.data;
  }
  const issues = result.error.issues;
  const listed = issues.slice(0, MAX_ISSUES_REPORTED).map(describeIssue);
  const more =
    issues.length > MAX_ISSUES_REPORTED
      ? `; and ${issues.length - MAX_ISSUES_REPORTED} more problems`
      : '';
  throw new InputError(
    `Invalid ${what}, nothing was stored: ${listed.join('; ')}${more}`,
  );
}
