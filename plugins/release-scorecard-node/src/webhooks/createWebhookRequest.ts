import { WebhookRequest } from './types';

/**
 * A request as a webhook source sees it, for tests of a source: the body as
 * bytes (a string is UTF-8, an object JSON), headers in lower case.
 */
export function createWebhookRequest(
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
