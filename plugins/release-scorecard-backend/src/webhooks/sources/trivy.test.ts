import { InputError } from '@backstage/errors';
import {
  readFixture,
  readJsonFixture,
  webhookRequest,
} from '../__fixtures__/fixtures';
import { mapTrivyReport, trivyWebhookSource } from './trivy';

const SECRET = 'ci-upload-token';
const RECEIVED_AT = '2024-05-21T09:03:00.000Z';
const QUERY = {
  entityRef: 'component:default/payments-api',
  revision: '9f1c2ab47e1d0c3b5a6f8e9d7c4b2a1f0e9d8c7b',
};

function upload(
  body: Buffer | object,
  query: Record<string, string | undefined> = QUERY,
) {
  return mapTrivyReport(webhookRequest(body, { query }), RECEIVED_AT);
}

function reportOf(result: ReturnType<typeof upload>) {
  return result.kind === 'event' ? result.event.gateReports?.[0] : undefined;
}

describe('trivyWebhookSource', () => {
  describe('verify', () => {
    const body = readFixture('trivy', 'image.json');
    const verify = (authorization?: string) =>
      trivyWebhookSource.verify(
        webhookRequest(body, {
          headers: authorization ? { authorization } : {},
        }),
        SECRET,
      );

    it('accepts the bearer token', () => {
      expect(verify(`Bearer ${SECRET}`)).toBe(true);
      expect(verify(`bearer ${SECRET}`)).toBe(true);
    });

    it('refuses a wrong, missing or differently sent token', () => {
      expect(verify('Bearer ci-upload-tokem')).toBe(false);
      expect(verify(undefined)).toBe(false);
      expect(
        verify(`Basic ${Buffer.from(`ci:${SECRET}`).toString('base64')}`),
      ).toBe(false);
      expect(verify(`Bearer ${SECRET} extra`)).toBe(false);
      expect(verify(SECRET)).toBe(false);
    });
  });

  it('maps a report to a container-scan gate failed by its critical finding', () => {
    expect(
      upload(readFixture('trivy', 'image.json'), {
        ...QUERY,
        runId: 'gha-9127463920',
        branch: 'main',
      }),
    ).toStrictEqual({
      kind: 'event',
      event: {
        eventType: 'trivy.report',
        lookup: {
          type: 'entityRef',
          entityRef: 'component:default/payments-api',
        },
        gateReports: [
          {
            revision: '9f1c2ab47e1d0c3b5a6f8e9d7c4b2a1f0e9d8c7b',
            runId: 'gha-9127463920',
            branch: 'main',
            gate: 'container-scan',
            status: 'failed',
            metrics: { critical: 1, high: 2, medium: 3, low: 1 },
            reportedAt: '2024-05-21T09:02:41.503Z',
          },
        ],
      },
    });
  });

  it('passes a clean report and dates a report without CreatedAt by its arrival', () => {
    expect(
      reportOf(upload(readFixture('trivy', 'image-clean.json'))),
    ).toStrictEqual({
      revision: QUERY.revision,
      gate: 'container-scan',
      status: 'passed',
      metrics: { critical: 0, high: 0, medium: 0, low: 0 },
      reportedAt: '2024-05-22T07:15:03.118Z',
    });
    const undated = readJsonFixture('trivy', 'image-clean.json');
    delete undated.CreatedAt;
    expect(reportOf(upload(undated))?.reportedAt).toBe(RECEIVED_AT);
  });

  it('fails on the severities listed in failOn and reports on the gate named in gate', () => {
    const body = readJsonFixture('trivy', 'image.json');
    // Without the critical finding, only failOn=high can fail it.
    body.Results[0].Vulnerabilities.splice(1, 1);
    expect(reportOf(upload(body))?.status).toBe('passed');
    expect(
      reportOf(upload(body, { ...QUERY, failOn: 'critical,high' }))?.status,
    ).toBe('failed');
    expect(reportOf(upload(body, { ...QUERY, failOn: 'low' }))?.status).toBe(
      'failed',
    );
    expect(
      reportOf(upload(body, { ...QUERY, gate: 'security-test' }))?.gate,
    ).toBe('security-test');
  });

  it('refuses uploads without revision or entityRef, naming them', () => {
    const body = readFixture('trivy', 'image.json');
    expect(() => upload(body, { entityRef: QUERY.entityRef })).toThrow(
      InputError,
    );
    expect(() => upload(body, { entityRef: QUERY.entityRef })).toThrow(
      'The query parameter revision is required',
    );
    expect(() => upload(body, { revision: QUERY.revision })).toThrow(
      /query parameter entityRef is required/,
    );
  });

  it('refuses unknown severities in failOn and malformed reports, naming the field', () => {
    const body = readJsonFixture('trivy', 'image.json');
    expect(() => upload(body, { ...QUERY, failOn: 'severe' })).toThrow(
      'The query parameter failOn must list severities among critical, high, medium, low, got "severe"',
    );
    body.Results[1].Vulnerabilities[0].Severity = 'SEVERE';
    expect(() => upload(body)).toThrow(
      /Results\[1\]\.Vulnerabilities\[0\]\.Severity/,
    );
    expect(() => upload([{ Target: 'app', Vulnerabilities: null }])).toThrow(
      /SchemaVersion 2/,
    );
    expect(() => upload(Buffer.from('{"SchemaVersion": 2,'))).toThrow(
      /not valid JSON/,
    );
  });
});
