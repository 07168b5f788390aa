import { InputError } from '@backstage/errors';
import { readFixture, webhookRequest } from '../__fixtures__/fixtures';
import { coberturaWebhookSource, mapCoberturaReport } from './cobertura';

const SECRET = 'ci-upload-token';
const RECEIVED_AT = '2024-05-21T09:10:00.000Z';
const QUERY = {
  entityRef: 'component:default/payments-api',
  revision: '9f1c2ab47e1d0c3b5a6f8e9d7c4b2a1f0e9d8c7b',
};
const xml = (text: string) => Buffer.from(text, 'utf8');

function upload(body: Buffer, query: Record<string, string> = QUERY) {
  return mapCoberturaReport(webhookRequest(body, { query }), RECEIVED_AT);
}

function reportOf(result: ReturnType<typeof upload>) {
  return result.kind === 'event' ? result.event.gateReports?.[0] : undefined;
}

describe('coberturaWebhookSource', () => {
  it('verifies the bearer token', () => {
    const body = readFixture('cobertura', 'istanbul.xml');
    const verify = (authorization?: string) =>
      coberturaWebhookSource.verify(
        webhookRequest(body, {
          headers: authorization ? { authorization } : {},
        }),
        SECRET,
      );
    expect(verify(`Bearer ${SECRET}`)).toBe(true);
    expect(verify(`Bearer ${SECRET}x`)).toBe(false);
    expect(verify(undefined)).toBe(false);
  });

  it('maps an istanbul report to the coverage of unit-tests, without a status', () => {
    expect(upload(readFixture('cobertura', 'istanbul.xml'))).toStrictEqual({
      kind: 'event',
      event: {
        eventType: 'cobertura.report',
        lookup: {
          type: 'entityRef',
          entityRef: 'component:default/payments-api',
        },
        gateReports: [
          {
            revision: '9f1c2ab47e1d0c3b5a6f8e9d7c4b2a1f0e9d8c7b',
            gate: 'unit-tests',
            metrics: { coverage: 0.86 },
            reportedAt: '2024-05-21T09:03:12.447Z',
          },
        ],
      },
    });
  });

  it('reads gcovr timestamps in seconds', () => {
    expect(
      reportOf(upload(readFixture('cobertura', 'gcovr.xml'))),
    ).toStrictEqual({
      revision: QUERY.revision,
      gate: 'unit-tests',
      metrics: { coverage: 0.7142857142857143 },
      reportedAt: '2024-05-21T09:03:12.000Z',
    });
  });

  it('passes or fails the gate against minCoverage', () => {
    const body = readFixture('cobertura', 'istanbul.xml');
    expect(
      reportOf(upload(body, { ...QUERY, minCoverage: '0.8' }))?.status,
    ).toBe('passed');
    expect(
      reportOf(upload(body, { ...QUERY, minCoverage: '0.86' }))?.status,
    ).toBe('passed');
    expect(
      reportOf(upload(body, { ...QUERY, minCoverage: '0.9' }))?.status,
    ).toBe('failed');
  });

  it('dates a report without timestamp by its arrival', () => {
    expect(reportOf(upload(xml('<coverage line-rate="1"/>')))?.reportedAt).toBe(
      RECEIVED_AT,
    );
  });

  it('refuses bad thresholds and reports, naming the field', () => {
    const body = readFixture('cobertura', 'istanbul.xml');
    expect(() => upload(body, { ...QUERY, minCoverage: '80' })).toThrow(
      InputError,
    );
    expect(() => upload(body, { ...QUERY, minCoverage: '80' })).toThrow(
      'The query parameter minCoverage must be a number from 0 to 1, got "80"',
    );
    expect(() => upload(xml('<coverage lines-valid="10"/>'))).toThrow(
      'Invalid Cobertura report: coverage@line-rate must be a number from 0 to 1',
    );
    expect(() => upload(xml('<coverage line-rate="86%"/>'))).toThrow(
      'coverage@line-rate is not a number: "86%"',
    );
    expect(() => upload(xml('<testsuite tests="1"/>'))).toThrow(
      'expected a <coverage> root element',
    );
    expect(() =>
      upload(readFixture('xml', 'xxe-external-dtd-entity.xml')),
    ).toThrow(/must not contain DOCTYPE declarations/);
    expect(() => upload(body, { revision: QUERY.revision })).toThrow(
      /entityRef is required/,
    );
  });
});
