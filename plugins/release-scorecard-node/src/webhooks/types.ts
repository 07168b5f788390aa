import { Config } from '@backstage/config';
import {
  Deployment,
  GateStatus,
  GateMetrics,
  Incident,
  PipelineRun,
} from '@internal/plugin-release-scorecard-common';

/** What a webhook source sees of an HTTP request. */
export interface WebhookRequest {
  /** Header names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received: signatures are computed over these bytes. */
  rawBody: Buffer;
  /** Query parameters (report uploads carry entityRef, revision, runId, …). */
  query: Record<string, string | undefined>;
}

/** How the records of an event find their catalog entity. */
export type EntityLookup =
  /** Entities whose annotation has this value, e.g. argocd/app-name=payments-api. */
  | { type: 'annotation'; annotation: string; value: string }
  /** An entity named by the sender (report uploads). */
  | { type: 'entityRef'; entityRef: string };

/**
 * A gate result for a revision that a tool reports on its own (SonarQube,
 * Trivy, JUnit, Cobertura, one GitHub workflow). It joins the pipeline run
 * `runId` when given, else the latest run of the same revision, else a new
 * run whose id is the revision.
 */
export interface GateReport {
  runId?: string;
  revision: string;
  version?: string;
  branch?: string;
  /** When the run started, for a run this report creates. Defaults to reportedAt. */
  startedAt?: string;
  gate: string;
  /** Omitted when the report carries metrics only (e.g. coverage without a threshold). */
  status?: GateStatus;
  metrics?: GateMetrics;
  url?: string;
  /** When the tool produced the result; a newer report of the same source wins. */
  reportedAt: string;
}

/**
 * A change to the latest deployment of the entity in an environment, for
 * events that do not know the deployment's id (Argo Rollouts). When the
 * entity has no deployment there yet, one is created with `fallbackId`.
 */
export interface DeploymentPatch {
  environment: string;
  fallbackId: string;
  revision?: string;
  version?: string;
  strategy?: Deployment['strategy'];
  status?: Deployment['status'];
  startedAt: string;
  finishedAt?: string;
  url?: string;
}

/** The records one webhook delivery produces, before entities are resolved. */
export interface WebhookEvent {
  /** The tool's event name, e.g. `workflow_run.completed`; logged and counted, never the payload. */
  eventType: string;
  lookup: EntityLookup;
  deployments?: Array<Omit<Deployment, 'entityRef'>>;
  deploymentPatches?: DeploymentPatch[];
  pipelineRuns?: Array<Omit<PipelineRun, 'entityRef'>>;
  gateReports?: GateReport[];
  incidents?: Array<Omit<Incident, 'entityRef'>>;
  /**
   * What the sender should read about the delivery, e.g. which threshold a
   * load test failed: returned in the response and logged, never stored.
   */
  notes?: string[];
}

export type WebhookMapResult =
  | { kind: 'event'; event: WebhookEvent }
  /** A valid delivery the scorecard has no use for (e.g. a run still in progress). */
  | { kind: 'ignored'; eventType: string; reason: string };

/**
 * What a streaming source's `verify` sees: the headers and query of the
 * request, before any of its body has been read.
 */
export type WebhookRequestHead = Omit<WebhookRequest, 'rawBody'>;

/** What a streaming source's `map` sees: the body as it arrives. */
export interface StreamingWebhookRequest extends WebhookRequestHead {
  /**
   * The body in chunks, already decoded from `Content-Encoding: gzip` or
   * `deflate`. Iterating it fails with a 413 error once more than the
   * source's `maxBodyBytes` have arrived.
   */
  body: AsyncIterable<Buffer>;
}

/**
 * A tool whose uploads are too large to hold in memory (a load test's
 * results file): it is verified from the headers alone, so a request without
 * the token never has its body read, and then reads the body as a stream.
 */
export interface StreamingWebhookSource {
  /** The path segment and the config key under releaseScorecard.webhooks. */
  name: string;
  streaming: true;
  /** The largest body accepted, after decoding; a larger one is answered 413. */
  maxBodyBytes: number;
  /** Whether the headers carry the token or signature, compared in constant time. */
  verify(request: WebhookRequestHead, secret: string): boolean;
  /**
   * Reads the body and maps it. Throws InputError (from @backstage/errors)
   * naming the line or field when the payload is malformed.
   */
  map(
    request: StreamingWebhookRequest,
    sourceConfig: Config,
  ): Promise<WebhookMapResult>;
}

/** Either kind of source the webhook sources extension point takes. */
export type AnyWebhookSource = WebhookSource | StreamingWebhookSource;

/** Whether the source reads its body as a stream. */
export function isStreamingWebhookSource(
  source: AnyWebhookSource,
): source is StreamingWebhookSource {
  return 'streaming' in source && source.streaming === true;
}

/** One tool that can call `POST /webhooks/{name}`. */
export interface WebhookSource {
  /** The path segment and the config key under releaseScorecard.webhooks. */
  name: string;
  /**
   * Whether the request is signed (or carries the token) the way the tool
   * does it, compared in constant time. Called before the body is parsed.
   */
  verify(request: WebhookRequest, secret: string): boolean;
  /**
   * Parses and maps the payload. Throws InputError (from @backstage/errors)
   * naming the field when the payload is malformed.
   */
  map(request: WebhookRequest, sourceConfig: Config): WebhookMapResult;
}
