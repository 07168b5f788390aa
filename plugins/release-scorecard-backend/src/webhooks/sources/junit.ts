import { InputError } from '@backstage/errors';
import {
  compact,
  latestIsoTimestamp,
  parseReportUploadQuery,
  toIsoTimestamp,
  verifyBearerToken,
} from '@internal/plugin-release-scorecard-node';
import {
  attribute,
  childElements,
  numericAttribute,
  parseXmlReport,
  XmlElement,
} from '../lib';
import {
  WebhookMapResult,
  WebhookRequest,
  WebhookSource,
} from '@internal/plugin-release-scorecard-node';

/** What a JUnit report says about its tests. */
export interface JUnitSummary {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  /** The latest `timestamp` of its suites, in ISO 8601 UTC. */
  timestamp?: string;
}

const EMPTY_SUMMARY: JUnitSummary = {
  tests: 0,
  failures: 0,
  errors: 0,
  skipped: 0,
};

function addSummaries(a: JUnitSummary, b: JUnitSummary): JUnitSummary {
  return compact({
    tests: a.tests + b.tests,
    failures: a.failures + b.failures,
    errors: a.errors + b.errors,
    skipped: a.skipped + b.skipped,
    timestamp: latestIsoTimestamp(
      [a.timestamp, b.timestamp].filter((t): t is string => !!t),
    ),
  });
}

function countTestCases(suite: XmlElement, outcome: string): number {
  return childElements(suite, 'testcase').filter(
    testCase => testCase[outcome] !== undefined,
  ).length;
}

/**
 * Sums a suite: nested suites when it has them, else its own counts. The
 * attributes are used when present (Surefire, jest-junit, pytest write them),
 * the `<testcase>` elements counted when not.
 */
function summarizeSuite(suite: XmlElement, element: string): JUnitSummary {
  const nested = childElements(suite, 'testsuite');
  const timestampText = attribute(suite, 'timestamp');
  const ownTimestamp = timestampText
    ? toIsoTimestamp(timestampText, `${element}@timestamp`)
    : undefined;
  if (nested.length > 0) {
    const total = nested
      .map(child => summarizeSuite(child, 'testsuite'))
      .reduce(addSummaries, EMPTY_SUMMARY);
    return addSummaries(total, { ...EMPTY_SUMMARY, timestamp: ownTimestamp });
  }
  const count = (name: string, outcome: string) =>
    numericAttribute(suite, element, name) ?? countTestCases(suite, outcome);
  return compact({
    tests:
      numericAttribute(suite, element, 'tests') ??
      childElements(suite, 'testcase').length,
    failures: count('failures', 'failure'),
    errors: count('errors', 'error'),
    skipped:
      numericAttribute(suite, element, 'skipped') ??
      numericAttribute(suite, element, 'disabled') ??
      countTestCases(suite, 'skipped'),
    timestamp: ownTimestamp,
  });
}

/** Totals of a JUnit XML report: `<testsuites>` or a single `<testsuite>`. */
export function summarizeJUnitReport(rawBody: Buffer): JUnitSummary {
  const document = parseXmlReport(rawBody, {
    arrayElements: ['testsuite', 'testcase'],
  });
  const [root] = childElements(document, 'testsuites');
  if (root) {
    return summarizeSuite(root, 'testsuites');
  }
  const [suite] = childElements(document, 'testsuite');
  if (suite) {
    return summarizeSuite(suite, 'testsuite');
  }
  throw new InputError(
    'Invalid JUnit report: expected a <testsuites> or <testsuite> root element',
  );
}

/**
 * Maps an uploaded JUnit XML report to a test gate (`unit-tests` unless
 * `?gate=functional-tests` or another is given). Errors count as failed
 * tests; a report without tests is `skipped`, as nothing was verified.
 */
export function mapJUnitReport(
  request: WebhookRequest,
  receivedAt: string,
): WebhookMapResult {
  const { lookup, gate, report } = parseReportUploadQuery(
    request,
    'unit-tests',
  );
  const summary = summarizeJUnitReport(request.rawBody);
  const testsFailed = summary.failures + summary.errors;

  let status: 'passed' | 'failed' | 'skipped' = 'passed';
  if (testsFailed > 0) {
    status = 'failed';
  } else if (summary.tests === 0) {
    status = 'skipped';
  }

  return {
    kind: 'event',
    event: {
      eventType: 'junit.report',
      lookup,
      gateReports: [
        compact({
          ...report,
          gate,
          status,
          metrics: { testsTotal: summary.tests, testsFailed },
          reportedAt: summary.timestamp ?? receivedAt,
        }),
      ],
    },
  };
}

/** JUnit XML test reports uploaded from CI with a bearer token. */
export const junitWebhookSource: WebhookSource = {
  name: 'junit',
  verify: verifyBearerToken,
  map: request => mapJUnitReport(request, new Date().toISOString()),
};
