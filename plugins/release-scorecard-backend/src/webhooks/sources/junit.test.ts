import { InputError } from '@backstage/errors';
import { readFixture, webhookRequest } from '../__fixtures__/fixtures';
import {
  junitWebhookSource,
  mapJUnitReport,
  summarizeJUnitReport,
} from './junit';

const SECRET = 'ci-upload-token';
const RECEIVED_AT = '2024-05-21T09:10:00.000Z';
const QUERY = {
  entityRef: 'component:default/payments-api',
  revision: '9f1c2ab47e1d0c3b5a6f8e9d7c4b2a1f0e9d8c7b',
};
const xml = (text: string) => Buffer.from(text, 'utf8');

function upload(body: Buffer, query: Record<string, string> = QUERY) {
  return mapJUnitReport(webhookRequest(body, { query }), RECEIVED_AT);
}

function reportOf(result: ReturnType<typeof upload>) {
  return result.kind === 'event' ? result.event.gateReports?.[0] : undefined;
}

describe('junitWebhookSource', () => {
  it('verifies the bearer token', () => {
    const body = readFixture('junit', 'surefire.xml');
    const verify = (authorization?: string) =>
      junitWebhookSource.verify(
        webhookRequest(body, {
          headers: authorization ? { authorization } : {},
        }),
        SECRET,
      );
    expect(verify(`Bearer ${SECRET}`)).toBe(true);
    expect(verify('Bearer another-token')).toBe(false);
    expect(verify(undefined)).toBe(false);
  });

  it('maps a jest-junit report to a failed unit-tests gate dated by its suites', () => {
    expect(upload(readFixture('junit', 'jest-junit.xml'))).toStrictEqual({
      kind: 'event',
      event: {
        eventType: 'junit.report',
        lookup: {
          type: 'entityRef',
          entityRef: 'component:default/payments-api',
        },
        gateReports: [
          {
            revision: '9f1c2ab47e1d0c3b5a6f8e9d7c4b2a1f0e9d8c7b',
            gate: 'unit-tests',
            status: 'failed',
            metrics: { testsTotal: 9, testsFailed: 1 },
            reportedAt: '2024-05-21T09:03:15.000Z',
          },
        ],
      },
    });
  });

  it('maps a Surefire report, counting errors as failed tests, on the gate in the query', () => {
    expect(
      reportOf(
        upload(readFixture('junit', 'surefire.xml'), {
          ...QUERY,
          gate: 'functional-tests',
          runId: '1284410925',
        }),
      ),
    ).toStrictEqual({
      revision: QUERY.revision,
      runId: '1284410925',
      gate: 'functional-tests',
      status: 'failed',
      metrics: { testsTotal: 4, testsFailed: 1 },
      reportedAt: RECEIVED_AT,
    });
  });

  it('passes a report without failures and skips one without tests', () => {
    const passing = xml(
      '<testsuite name="a" tests="2" failures="0" errors="0"><testcase name="x"/><testcase name="y"/></testsuite>',
    );
    expect(reportOf(upload(passing))?.status).toBe('passed');
    expect(reportOf(upload(xml('<testsuites/>')))).toEqual(
      expect.objectContaining({
        status: 'skipped',
        metrics: { testsTotal: 0, testsFailed: 0 },
      }),
    );
  });

  it('refuses reports that are not JUnit, not XML, or unsafe XML', () => {
    expect(() => upload(xml('<coverage line-rate="0.5"/>'))).toThrow(
      'Invalid JUnit report: expected a <testsuites> or <testsuite> root element',
    );
    expect(() => upload(xml('{"tests": 3}'))).toThrow(InputError);
    expect(() => upload(readFixture('xml', 'billion-laughs.xml'))).toThrow(
      /must not contain DOCTYPE declarations/,
    );
    expect(() =>
      upload(xml('<testsuite tests="three"><testcase name="x"/></testsuite>')),
    ).toThrow('Invalid report: testsuite@tests is not a number: "three"');
    expect(() =>
      upload(
        xml(
          '<testsuite tests="1" timestamp="yesterday"><testcase name="x"/></testsuite>',
        ),
      ),
    ).toThrow('testsuite@timestamp is not a valid timestamp: "yesterday"');
    expect(() =>
      upload(readFixture('junit', 'surefire.xml'), {
        entityRef: QUERY.entityRef,
      }),
    ).toThrow(/revision is required/);
  });
});

describe('summarizeJUnitReport', () => {
  it('counts test cases when the suites carry no counts', () => {
    expect(
      summarizeJUnitReport(
        xml(`<testsuites>
          <testsuite name="a">
            <testcase name="1"/>
            <testcase name="2"><failure message="boom"/></testcase>
            <testcase name="3"><error/></testcase>
            <testcase name="4"><skipped/></testcase>
          </testsuite>
          <testsuite name="b"><testcase name="5"/></testsuite>
        </testsuites>`),
      ),
    ).toStrictEqual({ tests: 5, failures: 1, errors: 1, skipped: 1 });
  });

  it('sums nested suites instead of double counting their parent', () => {
    expect(
      summarizeJUnitReport(
        xml(`<testsuite name="all" tests="3" failures="1">
          <testsuite name="a" tests="2" failures="1" errors="0" skipped="0"/>
          <testsuite name="b" tests="1" failures="0" errors="0" skipped="0"/>
        </testsuite>`),
      ),
    ).toStrictEqual({ tests: 3, failures: 1, errors: 0, skipped: 0 });
  });
});
