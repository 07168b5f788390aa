import { InputError } from '@backstage/errors';
import { z } from 'zod';
import {
  compact,
  nonEmpty,
  parseJsonBody,
  parseReportUploadQuery,
  parseWithSchema,
  toIsoTimestamp,
  verifyBearerToken,
} from '@internal/plugin-release-scorecard-node';
import {
  WebhookMapResult,
  WebhookRequest,
  WebhookSource,
} from '@internal/plugin-release-scorecard-node';

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
type Severity = (typeof SEVERITIES)[number];

// `trivy image --format json` (SchemaVersion 2). Findings are omitted, or
// null, for targets without vulnerabilities.
const trivyReportSchema = z.object({
  // Every `trivy --format json` report has it; without it, `{}` would pass
  // as a scan that found nothing.
  SchemaVersion: z.number({
    error: 'expected the number of a Trivy JSON report (SchemaVersion 2)',
  }),
  CreatedAt: z.string().optional(),
  Results: z
    .array(
      z.object({
        Target: z.string(),
        Vulnerabilities: z
          .array(
            z.object({
              VulnerabilityID: z.string(),
              Severity: z.enum([
                'CRITICAL',
                'HIGH',
                'MEDIUM',
                'LOW',
                'UNKNOWN',
              ]),
            }),
          )
          .nullable()
          .optional(),
      }),
    )
    .nullable()
    .optional(),
});

/** `?failOn=critical,high`: the severities that fail the gate (default critical). */
function parseFailOn(text: string | undefined): Severity[] {
  const values = (nonEmpty(text) ?? 'critical')
    .split(',')
    .map(value => value.trim().toLocaleLowerCase('en-US'))
    .filter(Boolean);
  const unknown = values.filter(
    value => !(SEVERITIES as readonly string[]).includes(value),
  );
  if (values.length === 0 || unknown.length > 0) {
    throw new InputError(
      `The query parameter failOn must list severities among ${SEVERITIES.join(
        ', ',
      )}, got "${text}"`,
    );
  }
  return values as Severity[];
}

/**
 * Maps an uploaded Trivy JSON report to a scan gate (`container-scan` unless
 * `?gate=` names another, e.g. `security-test`) with a count per severity.
 * `receivedAt` stands in for the report's time when it has no CreatedAt.
 */
export function mapTrivyReport(
  request: WebhookRequest,
  receivedAt: string,
): WebhookMapResult {
  const { lookup, gate, report } = parseReportUploadQuery(
    request,
    'container-scan',
  );
  const failOn = parseFailOn(request.query.failOn);
  const body = parseJsonBody(request.rawBody);
  if (Array.isArray(body)) {
    throw new InputError(
      'Invalid Trivy report: expected the JSON object of Trivy 0.20 or later (SchemaVersion 2), got an array',
    );
  }
  const trivyReport = parseWithSchema(trivyReportSchema, body, 'Trivy report');

  const counts: Record<Severity, number> = {
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
  };
  for (const result of trivyReport.Results ?? []) {
    for (const vulnerability of result.Vulnerabilities ?? []) {
      const severity = vulnerability.Severity.toLocaleLowerCase('en-US');
      // UNKNOWN findings have no well-known metric.
      if (severity in counts) {
        counts[severity as Severity] += 1;
      }
    }
  }

  return {
    kind: 'event',
    event: {
      eventType: 'trivy.report',
      lookup,
      gateReports: [
        compact({
          ...report,
          gate,
          status: failOn.some(severity => counts[severity] > 0)
            ? ('failed' as const)
            : ('passed' as const),
          metrics: { ...counts },
          reportedAt: trivyReport.CreatedAt
            ? toIsoTimestamp(trivyReport.CreatedAt, 'CreatedAt')
            : receivedAt,
        }),
      ],
    },
  };
}

/** Trivy JSON reports uploaded from CI with a bearer token. */
export const trivyWebhookSource: WebhookSource = {
  name: 'trivy',
  verify: verifyBearerToken,
  map: request => mapTrivyReport(request, new Date().toISOString()),
};
