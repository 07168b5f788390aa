import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Deployment,
  Incident,
  IngestResponse,
  PipelineRun,
  normalizeEntityRef,
} from '@internal/plugin-release-scorecard-common';
import { InputError } from '@backstage/errors';
import { ReleaseScorecardStores } from '../database/ReleaseScorecardStores';
import { toMillis } from '../database/time';
import { WebhookEvent } from '@internal/plugin-release-scorecard-node';
import { CatalogEntityResolver } from './CatalogEntityResolver';
import {
  DeploymentEvidence,
  IncidentEvidence,
  PipelineRunEvidence,
  WriteCounts,
} from '../evidence';
import {
  AcceptedTimeRange,
  createIngestSchemas,
  DEFAULT_ACCEPTED_TIMES,
  IngestSchemas,
  parseOrThrow,
} from './schemas';
import { findUnstorableText } from './storableText';

/** Called with the entities whose evidence changed, to re-evaluate them. */
export type EvidenceChangeListener = (entityRefs: string[]) => Promise<void>;

export interface IngestServiceOptions {
  stores: Pick<
    ReleaseScorecardStores,
    'deployments' | 'pipelineRuns' | 'incidents' | 'flags' | 'ingestDiagnostics'
  >;
  resolver: CatalogEntityResolver;
  logger: LoggerService;
  maxBatchSize: number;
  /** Times records may carry; before 2000 or more than a day ahead by default. */
  acceptedTimes?: AcceptedTimeRange;
  onEvidenceChanged?: EvidenceChangeListener;
  now?: () => number;
}

/** The outcome of one webhook delivery. */
export interface WebhookIngestResult extends IngestResponse {
  /** The entities the event was stored for; empty when nothing matched. */
  entityRefs: string[];
}

type WithoutEntity<T> = Omit<T, 'entityRef'>;

/**
 * The commits of a deployment, each sha once and in lower case: git prints
 * shas in lower case, tools sometimes do not, and lead time counts a commit
 * once. A sha listed twice (a tool's template may) keeps its earliest time.
 */
function normalizeCommits(
  commits: ReadonlyArray<{ sha: string; committedAt: string }>,
): DeploymentEvidence['commits'] {
  const bySha = new Map<string, number>();
  for (const commit of commits) {
    const sha = commit.sha.toLocaleLowerCase('en-US');
    const committedAt = toMillis(commit.committedAt);
    bySha.set(sha, Math.min(bySha.get(sha) ?? Infinity, committedAt));
  }
  return [...bySha].map(([sha, committedAt]) => ({ sha, committedAt }));
}

export function toDeploymentEvidence(
  d: WithoutEntity<Deployment>,
  entityRef: string,
  source: string,
): DeploymentEvidence {
  return {
    entityRef,
    source,
    id: d.id,
    environment: d.environment,
    revision: d.revision,
    version: d.version,
    strategy: d.strategy,
    gitops: d.gitops,
    status: d.status,
    startedAt: toMillis(d.startedAt),
    finishedAt: toMillis(d.finishedAt),
    commits: normalizeCommits(d.commits ?? []),
    url: d.url,
  };
}

export function toPipelineRunEvidence(
  run: WithoutEntity<PipelineRun>,
  entityRef: string,
  source: string,
): PipelineRunEvidence {
  const startedAt = toMillis(run.startedAt);
  const finishedAt = toMillis(run.finishedAt);
  return {
    entityRef,
    source,
    id: run.id,
    revision: run.revision,
    version: run.version,
    branch: run.branch,
    startedAt,
    finishedAt,
    url: run.url,
    // A re-delivery of an older state of the run must not replace the gates
    // of a newer one: gates are as recent as the run's finish.
    gates: run.gates.map(gate => ({
      gate: gate.gate,
      source,
      status: gate.status,
      metrics: gate.metrics,
      url: gate.url,
      reportedAt: finishedAt ?? startedAt,
    })),
  };
}

export function toIncidentEvidence(
  incident: WithoutEntity<Incident>,
  entityRef: string,
  source: string,
): IncidentEvidence {
  return {
    entityRef,
    source,
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    openedAt: toMillis(incident.openedAt),
    resolvedAt: toMillis(incident.resolvedAt),
    reopenedAt: toMillis(incident.reopenedAt),
    deploymentId: incident.deploymentId,
    url: incident.url,
  };
}

function countByRef(refs: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ref of refs) {
    counts.set(ref, (counts.get(ref) ?? 0) + 1);
  }
  return counts;
}

function addCounts(a: WriteCounts, b: WriteCounts): WriteCounts {
  return { accepted: a.accepted + b.accepted, updated: a.updated + b.updated };
}

/**
 * Validates, stores and announces evidence from the push API and webhooks.
 * Pure mapping lives in the webhook sources and schemas; this class is the
 * glue between them, the stores and the catalog.
 */
export class IngestService {
  private readonly now: () => number;
  private readonly schemas: IngestSchemas;

  constructor(private readonly options: IngestServiceOptions) {
    this.now = options.now ?? Date.now;
    this.schemas = createIngestSchemas({
      maxBatchSize: options.maxBatchSize,
      acceptedTimes: options.acceptedTimes ?? DEFAULT_ACCEPTED_TIMES,
      now: this.now,
    });
  }

  async ingestDeployments(
    body: unknown,
    source = 'api',
  ): Promise<IngestResponse> {
    const { deployments } = parseOrThrow(
      this.schemas.deploymentsBatch,
      body,
      'deployments batch',
    ) as { deployments: Array<Deployment> };
    const evidence = deployments.map(d =>
      toDeploymentEvidence(d, d.entityRef, source),
    );
    const counts = await this.options.stores.deployments.upsertDeployments(
      evidence,
      this.now(),
    );
    return this.finish(
      evidence.map(d => d.entityRef),
      counts,
    );
  }

  async ingestPipelineRuns(
    body: unknown,
    source = 'api',
  ): Promise<IngestResponse> {
    const { runs } = parseOrThrow(
      this.schemas.runsBatch,
      body,
      'pipeline runs batch',
    ) as { runs: Array<PipelineRun> };
    const evidence = runs.map(run =>
      toPipelineRunEvidence(run, run.entityRef, source),
    );
    const counts = await this.options.stores.pipelineRuns.upsertPipelineRuns(
      evidence,
      this.now(),
    );
    return this.finish(
      evidence.map(run => run.entityRef),
      counts,
    );
  }

  async ingestIncidents(
    body: unknown,
    source = 'api',
  ): Promise<IngestResponse> {
    const { incidents } = parseOrThrow(
      this.schemas.incidentsBatch,
      body,
      'incidents batch',
    ) as { incidents: Array<Incident> };
    const evidence = incidents.map(i =>
      toIncidentEvidence(i, i.entityRef, source),
    );
    const counts = await this.options.stores.incidents.upsertIncidents(
      evidence,
      this.now(),
    );
    return this.finish(
      evidence.map(i => i.entityRef),
      counts,
    );
  }

  async ingestFlagSnapshot(
    body: unknown,
    source = 'api',
  ): Promise<IngestResponse> {
    const snapshot = parseOrThrow(
      this.schemas.flagSnapshot,
      body,
      'flag snapshot',
    );
    const mismatched = snapshot.flags.findIndex(
      flag =>
        flag.provider !== undefined && flag.provider !== snapshot.provider,
    );
    if (mismatched >= 0) {
      throw new InputError(
        `Invalid flag snapshot, nothing was stored: flags[${mismatched}].provider: must be ${snapshot.provider}, the snapshot's provider`,
      );
    }
    const counts = await this.options.stores.flags.replaceFlagSnapshot(
      {
        entityRef: snapshot.entityRef,
        provider: snapshot.provider,
        source,
        flags: snapshot.flags.map(flag => ({
          ...flag,
          provider: snapshot.provider,
        })),
      },
      this.now(),
    );
    return this.finish([snapshot.entityRef], counts);
  }

  /** Stores a mapped webhook event for every entity its lookup finds. */
  async ingestWebhookEvent(
    source: string,
    event: WebhookEvent,
  ): Promise<WebhookIngestResult> {
    // The mappers take what the tool sent: its records meet the push API's
    // rules (times, lists, formats) and its text fits the tables.
    parseOrThrow(this.schemas.webhookEvent, event, `${source} event`);
    const problem = findUnstorableText(event);
    if (problem) {
      throw new InputError(
        `Invalid ${source} event, nothing was stored: ${problem}`,
      );
    }
    const entityRefs = await this.resolveLookup(source, event);
    if (entityRefs.length === 0) {
      return { accepted: 0, updated: 0, entityRefs };
    }
    const { stores } = this.options;
    const now = this.now();
    let counts: WriteCounts = { accepted: 0, updated: 0 };
    for (const entityRef of entityRefs) {
      if (event.deployments?.length) {
        counts = addCounts(
          counts,
          await stores.deployments.upsertDeployments(
            event.deployments.map(d =>
              toDeploymentEvidence(d, entityRef, source),
            ),
            now,
          ),
        );
      }
      if (event.deploymentPatches?.length) {
        counts = addCounts(
          counts,
          await stores.deployments.applyDeploymentPatches(
            event.deploymentPatches.map(patch => ({
              ...patch,
              entityRef,
              source,
              startedAt: toMillis(patch.startedAt),
              finishedAt: toMillis(patch.finishedAt),
            })),
            now,
          ),
        );
      }
      if (event.pipelineRuns?.length) {
        counts = addCounts(
          counts,
          await stores.pipelineRuns.upsertPipelineRuns(
            event.pipelineRuns.map(run =>
              toPipelineRunEvidence(run, entityRef, source),
            ),
            now,
          ),
        );
      }
      if (event.gateReports?.length) {
        counts = addCounts(
          counts,
          await stores.pipelineRuns.addGateReports(
            event.gateReports.map(report => {
              const reportedAt = toMillis(report.reportedAt);
              return {
                entityRef,
                source,
                runId: report.runId,
                revision: report.revision,
                version: report.version,
                branch: report.branch,
                startedAt: toMillis(report.startedAt) ?? reportedAt,
                gate: {
                  gate: report.gate,
                  source,
                  status: report.status,
                  metrics: report.metrics,
                  url: report.url,
                  reportedAt,
                },
              };
            }),
            now,
          ),
        );
      }
      if (event.incidents?.length) {
        counts = addCounts(
          counts,
          await stores.incidents.upsertIncidents(
            event.incidents.map(i => toIncidentEvidence(i, entityRef, source)),
            now,
          ),
        );
      }
    }
    const response = await this.finish(entityRefs, counts);
    return { ...response, entityRefs };
  }

  private async resolveLookup(
    source: string,
    event: WebhookEvent,
  ): Promise<string[]> {
    const { lookup } = event;
    if (lookup.type === 'entityRef') {
      const entityRef = normalizeEntityRef(lookup.entityRef);
      if (!entityRef) {
        throw new InputError(
          'entityRef: must be an entity ref such as component:default/payments-api',
        );
      }
      return [entityRef];
    }
    const refs = await this.options.resolver.findByAnnotation(
      lookup.annotation,
      lookup.value,
    );
    if (refs.length === 0) {
      await this.options.stores.ingestDiagnostics.recordUnmatchedWebhookEvent(
        {
          source,
          lookup: `${lookup.annotation}=${lookup.value}`,
          eventType: event.eventType,
        },
        this.now(),
      );
      this.options.logger.info(
        `Webhook event ${event.eventType} from ${source} matched no entity by ${lookup.annotation}`,
      );
    }
    return refs;
  }

  /** Reports refs the catalog does not know and announces the change. */
  private async finish(
    entityRefs: string[],
    counts: WriteCounts,
  ): Promise<IngestResponse> {
    const distinct = [...new Set(entityRefs)];
    let unknownEntityRefs: string[] = [];
    try {
      unknownEntityRefs = await this.options.resolver.findUnknownRefs(distinct);
      if (unknownEntityRefs.length > 0) {
        const unknown = new Set(unknownEntityRefs);
        await this.options.stores.ingestDiagnostics.recordUnknownEntityRefs(
          countByRef(entityRefs.filter(ref => unknown.has(ref))),
          this.now(),
        );
      }
    } catch (error) {
      // The records are stored; failing to check them against the catalog
      // must not turn an accepted batch into an error.
      this.options.logger.warn(
        `Could not check entity refs against the catalog: ${error}`,
      );
    }
    await this.options.onEvidenceChanged?.(distinct);
    return {
      ...counts,
      ...(unknownEntityRefs.length > 0 ? { unknownEntityRefs } : {}),
    };
  }
}
