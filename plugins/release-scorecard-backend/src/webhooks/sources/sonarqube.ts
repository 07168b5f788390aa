import { InputError } from '@backstage/errors';
import {
  ANNOTATIONS,
  GateMetrics,
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
  toIsoTimestamp,
  verifyHmacSha256Hex,
} from '@internal/plugin-release-scorecard-node';
import {
  WebhookMapResult,
  WebhookSource,
} from '@internal/plugin-release-scorecard-node';

/** The catalog annotation that names a component's SonarQube project. */
export const SONARQUBE_PROJECT_KEY_ANNOTATION = ANNOTATIONS.sonarQubeProjectKey;

/** The property a scanner can pass (`-Dsonar.analysis.runId=…`) to join a pipeline run. */
export const SONARQUBE_RUN_ID_PROPERTY = 'sonar.analysis.runId';

const analysisSchema = z.object({
  serverUrl: z.string().optional(),
  status: z.string(),
  analysedAt: z.string(),
  changedAt: z.string().optional(),
  revision: z.string().optional(),
  project: z.object({
    key: z.string().min(1),
    url: z.string().optional(),
  }),
  branch: z
    .object({
      name: z.string(),
      type: z.string(),
      url: z.string().optional(),
    })
    .optional(),
  qualityGate: z.object({
    status: z.string(),
    conditions: z
      .array(
        z.object({
          metric: z.string(),
          value: z.string().optional(),
        }),
      )
      .optional(),
  }),
  properties: z.record(z.string(), z.string()).optional(),
});

const QUALITY_GATE_STATUSES: Record<string, GateStatus> = {
  OK: 'passed',
  // Quality gates of SonarQube before 7.6 could warn; a warning does not block.
  WARN: 'passed',
  ERROR: 'failed',
};

/**
 * SonarQube metric keys for each well-known metric, most specific first:
 * overall values, the MQR-mode equivalents, then new-code values (what the
 * default "Sonar way" gate checks).
 */
const METRIC_KEYS: Record<string, string[]> = {
  bugs: ['bugs', 'software_quality_reliability_issues', 'new_bugs'],
  vulnerabilities: [
    'vulnerabilities',
    'software_quality_security_issues',
    'new_vulnerabilities',
  ],
  codeSmells: [
    'code_smells',
    'software_quality_maintainability_issues',
    'new_code_smells',
  ],
  reliabilityRating: [
    'reliability_rating',
    'software_quality_reliability_rating',
    'new_reliability_rating',
    'new_software_quality_reliability_rating',
  ],
  maintainabilityRating: [
    'sqale_rating',
    'software_quality_maintainability_rating',
    'new_maintainability_rating',
    'new_software_quality_maintainability_rating',
  ],
};

/** The well-known static-analysis metrics among the quality gate's conditions. */
export function sonarQubeMetrics(
  conditions: ReadonlyArray<{ metric: string; value?: string }>,
): GateMetrics {
  const values = new Map<string, number>();
  for (const condition of conditions) {
    const value = Number(condition.value);
    // Conditions without data (status NO_VALUE) have no value.
    if (condition.value !== undefined && Number.isFinite(value)) {
      values.set(condition.metric, value);
    }
  }
  const metrics: GateMetrics = {};
  for (const [metric, keys] of Object.entries(METRIC_KEYS)) {
    const key = keys.find(candidate => values.has(candidate));
    if (key) {
      metrics[metric] = values.get(key)!;
    }
  }
  return metrics;
}

/** Maps a SonarQube analysis webhook to the `static-analysis` gate. */
export function mapSonarQubeAnalysis(body: unknown): WebhookMapResult {
  const analysis = parseWithSchema(
    analysisSchema,
    body,
    'SonarQube webhook payload',
  );
  const eventType = `analysis.${analysis.status.toLocaleLowerCase('en-US')}`;
  if (analysis.status !== 'SUCCESS') {
    return {
      kind: 'ignored',
      eventType,
      reason: `The analysis task ended with status ${analysis.status}, so it has no quality gate`,
    };
  }
  if (analysis.qualityGate.status === 'NONE') {
    return {
      kind: 'ignored',
      eventType,
      reason: `The project ${analysis.project.key} has no quality gate`,
    };
  }
  const status = QUALITY_GATE_STATUSES[analysis.qualityGate.status];
  if (!status) {
    throw new InputError(
      `Invalid SonarQube webhook payload: qualityGate.status: unknown status "${analysis.qualityGate.status}"`,
    );
  }
  const revision = nonEmpty(analysis.revision);
  if (!revision) {
    throw new InputError(
      'Invalid SonarQube webhook payload: revision: missing; run the scanner in a Git checkout so that SonarQube knows the commit',
    );
  }

  const branch =
    analysis.branch?.type === 'BRANCH'
      ? nonEmpty(analysis.branch.name)
      : undefined;
  const dashboardUrl = analysis.serverUrl
    ? `${analysis.serverUrl.replace(
        /\/+$/,
        '',
      )}/dashboard?id=${encodeURIComponent(analysis.project.key)}`
    : undefined;
  const url = [analysis.branch?.url, analysis.project.url, dashboardUrl].find(
    isHttpUrl,
  );
  const metrics = sonarQubeMetrics(analysis.qualityGate.conditions ?? []);

  return {
    kind: 'event',
    event: {
      eventType,
      lookup: {
        type: 'annotation',
        annotation: SONARQUBE_PROJECT_KEY_ANNOTATION,
        value: analysis.project.key,
      },
      gateReports: [
        compact({
          runId: nonEmpty(analysis.properties?.[SONARQUBE_RUN_ID_PROPERTY]),
          revision,
          branch,
          gate: 'static-analysis',
          status,
          metrics: Object.keys(metrics).length > 0 ? metrics : undefined,
          url,
          // changedAt is set when an issue change re-evaluated the gate later.
          reportedAt: toIsoTimestamp(
            analysis.changedAt ?? analysis.analysedAt,
            analysis.changedAt ? 'changedAt' : 'analysedAt',
          ),
        }),
      ],
    },
  };
}

/** SonarQube (Server and Cloud) project analysis webhooks. */
export const sonarQubeWebhookSource: WebhookSource = {
  name: 'sonarqube',
  verify: (request, secret) =>
    verifyHmacSha256Hex(
      getHeader(request, 'x-sonar-webhook-hmac-sha256'),
      secret,
      request.rawBody,
    ),
  map: request => mapSonarQubeAnalysis(parseJsonBody(request.rawBody)),
};
