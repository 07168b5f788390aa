import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createHmac } from 'crypto';
import { readFileSync } from 'fs';
import { createWebhookRequest } from '@internal/plugin-release-scorecard-node';

/** Test helpers: payloads as the tools document them, and requests carrying them. */

export function readFixture(source: string, file: string): Buffer {
  return readFileSync(
    resolvePackagePath(
      '@internal/plugin-release-scorecard-backend',
      'src/webhooks/__fixtures__',
      source,
      file,
    ),
  );
}

export function readJsonFixture(source: string, file: string): any {
  return JSON.parse(readFixture(source, file).toString('utf8'));
}

/** A request as a webhook source sees it (see createWebhookRequest). */
export const webhookRequest = createWebhookRequest;

/**
 * The hex HMAC-SHA256 the tools send, computed here independently of the
 * code under test.
 */
export function hmacHex(secret: string, body: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
