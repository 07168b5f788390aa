import { createHmac, timingSafeEqual } from 'crypto';
import { WebhookRequest } from './types';
import { getHeader } from './headers';

/**
 * Compares a received secret value with the expected one in constant time.
 * Only the length can leak, and lengths of tokens and digests are public.
 */
export function constantTimeEquals(
  received: string,
  expected: string,
): boolean {
  const receivedBytes = Buffer.from(received, 'utf8');
  const expectedBytes = Buffer.from(expected, 'utf8');
  if (receivedBytes.length !== expectedBytes.length) {
    // timingSafeEqual throws on buffers of different length.
    return false;
  }
  return timingSafeEqual(receivedBytes, expectedBytes);
}

/** The lower-case hex HMAC-SHA256 of the raw body, as the tools sign it. */
export function hmacSha256Hex(secret: string, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/**
 * Whether `signature` is the hex HMAC-SHA256 of the body, optionally behind a
 * prefix such as `sha256=`. An empty secret never verifies: it would let
 * anyone compute a valid signature.
 */
export function verifyHmacSha256Hex(
  signature: string | undefined,
  secret: string,
  rawBody: Buffer,
  prefix = '',
): boolean {
  if (!secret || !signature) {
    return false;
  }
  const expected = `${prefix}${hmacSha256Hex(secret, rawBody)}`;
  return constantTimeEquals(
    signature.trim().toLocaleLowerCase('en-US'),
    expected,
  );
}

/** Whether a token sent as-is (e.g. `X-Gitlab-Token`) equals the secret. */
export function verifySharedToken(
  token: string | undefined,
  secret: string,
): boolean {
  if (!secret || token === undefined) {
    return false;
  }
  return constantTimeEquals(token, secret);
}

/**
 * Whether the request carries `Authorization: Bearer <secret>`. It reads the
 * headers only, so streaming sources use it too.
 */
export function verifyBearerToken(
  request: Pick<WebhookRequest, 'headers'>,
  secret: string,
): boolean {
  const authorization = getHeader(request, 'authorization');
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  return verifySharedToken(match?.[1], secret);
}
