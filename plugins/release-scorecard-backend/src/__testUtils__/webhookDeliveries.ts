import { createHmac } from 'crypto';
import request from 'supertest';
import {
  readFixture,
  readJsonFixture,
} from '../webhooks/__fixtures__/fixtures';
import { TEST_WEBHOOK_SECRETS } from './startTestPlugin';

/** Test helpers: one real, correctly signed delivery per webhook source. */

export type WebhookSourceName = keyof typeof TEST_WEBHOOK_SECRETS;

export const WEBHOOK_SOURCE_NAMES = Object.keys(
  TEST_WEBHOOK_SECRETS,
) as WebhookSourceName[];

/** Sources that sign the body (HMAC-SHA256) rather than send a shared token. */
export const HMAC_SIGNED_SOURCES: WebhookSourceName[] = [
  'github',
  'pagerduty',
  'sonarqube',
];

export const XML_SOURCES: WebhookSourceName[] = ['junit', 'cobertura'];

/** One HTTP request as a tool sends it, before it is signed. */
export interface WebhookDelivery {
  source: WebhookSourceName;
  body: Buffer;
  /** What the tool sends besides its signature, e.g. X-GitHub-Event. */
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

/**
 * The headers by which each tool proves it sent `body`, computed here
 * independently of the plugin's verification code.
 */
export function webhookSignatureHeaders(
  source: WebhookSourceName,
  body: Buffer,
  secret: string = TEST_WEBHOOK_SECRETS[source],
): Record<string, string> {
  const hmac = createHmac('sha256', secret).update(body).digest('hex');
  switch (source) {
    case 'github':
      return { 'X-Hub-Signature-256': `sha256=${hmac}` };
    case 'pagerduty':
      return { 'X-PagerDuty-Signature': `v1=${hmac}` };
    case 'sonarqube':
      return { 'X-Sonar-Webhook-HMAC-SHA256': hmac };
    case 'gitlab':
      return { 'X-Gitlab-Token': secret };
    default:
      // Argo CD notifications and report uploads.
      return { Authorization: `Bearer ${secret}` };
  }
}

/** The commit the report uploads are about. */
const revision = '9f1c2ab47e1d0c3b5a6f8e9d7c4b2a1f0e9d8c7b';

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/**
 * A documented payload of each source about component:default/payments-api
 * (see testEntities), which the plugin stores.
 */
export function validWebhookDelivery(
  source: WebhookSourceName,
): WebhookDelivery {
  const upload = { entityRef: 'component:default/payments-api', revision };
  switch (source) {
    case 'argocd': {
      const body = readJsonFixture('argocd', 'app.on-sync-succeeded.json');
      body.app.metadata.name = 'payments-api';
      return { source, body: json(body) };
    }
    case 'github': {
      const body = readJsonFixture('github', 'workflow_run.completed.json');
      body.repository.full_name = 'acme/payments-api';
      return {
        source,
        body: json(body),
        headers: { 'X-GitHub-Event': 'workflow_run' },
      };
    }
    case 'gitlab':
      return {
        source,
        body: readFixture('gitlab', 'pipeline.success.json'),
        headers: { 'X-Gitlab-Event': 'Pipeline Hook' },
      };
    case 'pagerduty': {
      const body = readJsonFixture('pagerduty', 'incident.triggered.json');
      body.event.data.service.id = 'PPAYAPI';
      return { source, body: json(body) };
    }
    case 'sonarqube':
      return { source, body: readFixture('sonarqube', 'analysis.ok.json') };
    case 'trivy':
      return {
        source,
        body: readFixture('trivy', 'image.json'),
        query: upload,
      };
    case 'junit':
      return {
        source,
        body: readFixture('junit', 'jest-junit.xml'),
        query: upload,
      };
    case 'cobertura':
      return {
        source,
        body: readFixture('cobertura', 'istanbul.xml'),
        query: upload,
      };
    default:
      throw new Error(`No delivery for ${source}`);
  }
}

/**
 * POSTs the delivery's exact bytes to the plugin. By default it is signed
 * with the source's test secret; `signature: 'none'` sends no signature,
 * `secret` signs with another secret, `signedBody` signs other bytes than
 * those sent (a body modified after signing).
 */
export function sendWebhook(
  server: Parameters<typeof request>[0],
  delivery: WebhookDelivery,
  options: {
    secret?: string;
    signature?: 'none';
    signedBody?: Buffer;
    contentType?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const contentType =
    options.contentType ??
    (delivery.source === 'junit' || delivery.source === 'cobertura'
      ? 'application/xml'
      : 'application/json');
  return (
    request(server)
      .post(`/api/release-scorecard/webhooks/${delivery.source}`)
      .query(delivery.query ?? {})
      .set('Content-Type', contentType)
      .set(delivery.headers ?? {})
      .set(options.headers ?? {})
      .set(
        options.signature === 'none'
          ? {}
          : webhookSignatureHeaders(
              delivery.source,
              options.signedBody ?? delivery.body,
              options.secret,
            ),
      )
      // superagent would JSON-encode a Buffer; the signed bytes go as they are.
      .serialize(body => body)
      .send(delivery.body)
  );
}
