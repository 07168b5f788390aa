import { InputError } from '@backstage/errors';
import { DateTime } from 'luxon';
import {
  compact,
  nonEmpty,
  parseReportUploadQuery,
  verifyBearerToken,
} from '@internal/plugin-release-scorecard-node';
import { childElements, numericAttribute, parseXmlReport } from '../lib';
import {
  WebhookMapResult,
  WebhookRequest,
  WebhookSource,
} from '@internal/plugin-release-scorecard-node';

/**
 * Cobertura's `timestamp` is epoch milliseconds (Cobertura, coverage.py,
 * istanbul) or seconds (gcovr, PHPUnit); seconds would be before 1973 as
 * milliseconds, so the magnitude tells them apart.
 */
function coberturaTimestamp(value: number): string {
  const millis = value < 1e11 ? value * 1000 : value;
  const time = DateTime.fromMillis(millis, { zone: 'utc' });
  if (!time.isValid) {
    throw new InputError(
      `Invalid Cobertura report: coverage@timestamp is not a time: ${value}`,
    );
  }
  return time.toISO()!;
}

/** `?minCoverage=0.8`: the line rate the gate needs, 0..1. */
function parseMinCoverage(text: string | undefined): number | undefined {
  const trimmed = nonEmpty(text);
  if (trimmed === undefined) {
    return undefined;
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new InputError(
      `The query parameter minCoverage must be a number from 0 to 1, got "${text}"`,
    );
  }
  return value;
}

/**
 * Maps an uploaded Cobertura XML report to the `coverage` metric of a gate
 * (`unit-tests` by default). It only carries a status when `?minCoverage=`
 * is given: coverage alone says nothing about whether tests passed.
 */
export function mapCoberturaReport(
  request: WebhookRequest,
  receivedAt: string,
): WebhookMapResult {
  const { lookup, gate, report } = parseReportUploadQuery(
    request,
    'unit-tests',
  );
  const minCoverage = parseMinCoverage(request.query.minCoverage);

  const [coverage] = childElements(parseXmlReport(request.rawBody), 'coverage');
  if (!coverage) {
    throw new InputError(
      'Invalid Cobertura report: expected a <coverage> root element',
    );
  }
  const lineRate = numericAttribute(coverage, 'coverage', 'line-rate');
  if (lineRate === undefined || lineRate < 0 || lineRate > 1) {
    throw new InputError(
      'Invalid Cobertura report: coverage@line-rate must be a number from 0 to 1',
    );
  }
  const timestamp = numericAttribute(coverage, 'coverage', 'timestamp');

  let status: 'passed' | 'failed' | undefined;
  if (minCoverage !== undefined) {
    status = lineRate >= minCoverage ? 'passed' : 'failed';
  }

  return {
    kind: 'event',
    event: {
      eventType: 'cobertura.report',
      lookup,
      gateReports: [
        compact({
          ...report,
          gate,
          status,
          metrics: { coverage: lineRate },
          reportedAt:
            timestamp !== undefined && timestamp > 0
              ? coberturaTimestamp(timestamp)
              : receivedAt,
        }),
      ],
    },
  };
}

/** Cobertura XML coverage reports uploaded from CI with a bearer token. */
export const coberturaWebhookSource: WebhookSource = {
  name: 'cobertura',
  verify: verifyBearerToken,
  map: request => mapCoberturaReport(request, new Date().toISOString()),
};
