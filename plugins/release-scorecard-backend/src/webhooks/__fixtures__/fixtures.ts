import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createHmac } from 'crypto';
import { readFileSync } from 'fs';
import { WebhookRequest } from '../types';

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

export function webhookRequest(
  body: Buffer | string | object,
  options: Partial<Pick<WebhookRequest, 'headers' | 'query'>> = {},
): WebhookRequest {
  let rawBody: Buffer;
  if (Buffer.isBuffer(body)) {
    rawBody = body;
  } else if (typeof body === 'string') {
    rawBody = Buffer.from(body, 'utf8');
  } else {
    rawBody = Buffer.from(JSON.stringify(body), 'utf8');
  }
  return {
    headers: options.headers ?? {},
    rawBody,
    query: options.query ?? {},
  };
}

/**
 * The hex HMAC-SHA256 the tools send, computed here independently of the
 * code under test.
 */
export function hmacHex(secret: string, body: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
