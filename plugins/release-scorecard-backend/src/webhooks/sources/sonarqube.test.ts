import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  hmacHex,
  readFixture,
  readJsonFixture,
  webhookRequest,
} from '../__fixtures__/fixtures';
import { sonarQubeMetrics, sonarQubeWebhookSource } from './sonarqube';

const SECRET = 'sonar-webhook-secret';
const config = new ConfigReader({ secret: SECRET });

function map(body: Buffer | object) {
  return sonarQubeWebhookSource.map(webhookRequest(body), config);
}

describe('sonarQubeWebhookSource', () => {
  describe('verify', () => {
    const body = readFixture('sonarqube', 'analysis.ok.json');
    const verify = (signature: string | undefined, rawBody = body) =>
      sonarQubeWebhookSource.verify(
        webhookRequest(rawBody, {
          headers: signature
            ? { 'X-Sonar-Webhook-HMAC-SHA256': signature }
            : {},
        }),
        SECRET,
      );

    it('accepts the hex HMAC-SHA256 of the raw body, whatever the header case', () => {
      expect(verify(hmacHex(SECRET, body))).toBe(true);
    });

    it('refuses a wrong, missing or stale signature', () => {
      expect(verify(hmacHex('another-secret', body))).toBe(false);
      expect(verify(undefined)).toBe(false);
      expect(verify(`sha256=${hmacHex(SECRET, body)}`)).toBe(false);
      const modified = Buffer.from(
        body.toString('utf8').replace('"OK"', '"ERROR"'),
        'utf8',
      );
      expect(verify(hmacHex(SECRET, body), modified)).toBe(false);
    });

    it('never verifies with an empty secret', () => {
      const request = webhookRequest(body, {
        headers: { 'x-sonar-webhook-hmac-sha256': hmacHex('', body) },
      });
      expect(sonarQubeWebhookSource.verify(request, '')).toBe(false);
    });
  });

  it('maps a passed quality gate to the static-analysis gate with its metrics', () => {
    expect(map(readFixture('sonarqube', 'analysis.ok.json'))).toStrictEqual({
      kind: 'event',
      event: {
        eventType: 'analysis.success',
        lookup: {
          type: 'annotation',
          annotation: 'sonarqube.org/project-key',
          value: 'acme_payments-api',
        },
        gateReports: [
          {
            runId: 'gha-9127463920',
            revision: '9f1c2ab47e1d0c3b5a6f8e9d7c4b2a1f0e9d8c7b',
            branch: 'main',
            gate: 'static-analysis',
            status: 'passed',
            metrics: {
              bugs: 0,
              vulnerabilities: 0,
              codeSmells: 42,
              reliabilityRating: 1,
              maintainabilityRating: 2,
            },
            url: 'https://sonarqube.example.com/dashboard?id=acme_payments-api',
            reportedAt: '2024-05-21T09:04:31.000Z',
          },
        ],
      },
    });
  });

  it('maps a failed "Sonar way" gate with new-code ratings and builds the dashboard URL', () => {
    expect(map(readFixture('sonarqube', 'analysis.error.json'))).toStrictEqual({
      kind: 'event',
      event: {
        eventType: 'analysis.success',
        lookup: {
          type: 'annotation',
          annotation: 'sonarqube.org/project-key',
          value: 'org.sonarqube:example',
        },
        gateReports: [
          {
            revision: 'c739069ec7105e01303e8b3065a81141aad9f129',
            gate: 'static-analysis',
            status: 'failed',
            metrics: { reliabilityRating: 3, maintainabilityRating: 1 },
            url: 'http://localhost:9000/dashboard?id=org.sonarqube%3Aexample',
            reportedAt: '2016-11-18T09:46:28.000Z',
          },
        ],
      },
    });
  });

  it('leaves out the branch of pull request analyses', () => {
    const body = readJsonFixture('sonarqube', 'analysis.ok.json');
    body.branch = { name: '1234', type: 'PULL_REQUEST', isMain: false };
    const result = map(body);
    expect(
      result.kind === 'event' && result.event.gateReports?.[0],
    ).not.toHaveProperty('branch');
  });

  it('ignores failed analysis tasks and projects without a quality gate', () => {
    const failedTask = readJsonFixture('sonarqube', 'analysis.error.json');
    failedTask.status = 'FAILED';
    expect(map(failedTask)).toStrictEqual({
      kind: 'ignored',
      eventType: 'analysis.failed',
      reason:
        'The analysis task ended with status FAILED, so it has no quality gate',
    });
    const noGate = readJsonFixture('sonarqube', 'analysis.error.json');
    noGate.qualityGate = { name: 'None', status: 'NONE', conditions: [] };
    expect(map(noGate)).toStrictEqual({
      kind: 'ignored',
      eventType: 'analysis.success',
      reason: 'The project org.sonarqube:example has no quality gate',
    });
  });

  it('refuses malformed analyses, naming the field', () => {
    const withoutRevision = readJsonFixture('sonarqube', 'analysis.ok.json');
    delete withoutRevision.revision;
    expect(() => map(withoutRevision)).toThrow(InputError);
    expect(() => map(withoutRevision)).toThrow(/revision: missing/);

    const withoutGate = readJsonFixture('sonarqube', 'analysis.ok.json');
    delete withoutGate.qualityGate;
    expect(() => map(withoutGate)).toThrow(/qualityGate/);

    const strangeStatus = readJsonFixture('sonarqube', 'analysis.ok.json');
    strangeStatus.qualityGate.status = 'GREEN';
    expect(() => map(strangeStatus)).toThrow(
      'qualityGate.status: unknown status "GREEN"',
    );

    const numericKey = readJsonFixture('sonarqube', 'analysis.ok.json');
    numericKey.project.key = 17;
    expect(() => map(numericKey)).toThrow(/project\.key/);

    expect(() => map(Buffer.from(''))).toThrow(/body is empty/);
  });
});

describe('sonarQubeMetrics', () => {
  it('prefers overall values to new-code values and skips conditions without a value', () => {
    expect(
      sonarQubeMetrics([
        { metric: 'new_bugs', value: '2' },
        { metric: 'bugs', value: '5' },
        { metric: 'new_code_smells', value: '7' },
        { metric: 'software_quality_maintainability_rating', value: '3' },
        { metric: 'new_vulnerabilities' },
        { metric: 'new_coverage', value: '80.5' },
      ]),
    ).toStrictEqual({ bugs: 5, codeSmells: 7, maintainabilityRating: 3 });
  });
});
