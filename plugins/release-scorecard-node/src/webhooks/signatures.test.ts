import { createWebhookRequest as webhookRequest } from './createWebhookRequest';
import {
  constantTimeEquals,
  hmacSha256Hex,
  verifyBearerToken,
  verifyHmacSha256Hex,
  verifySharedToken,
} from './signatures';

// The test vector of GitHub's "Validating webhook deliveries" documentation.
const GITHUB_SECRET = "It's a Secret to Everybody";
const GITHUB_BODY = Buffer.from('Hello, World!', 'utf8');
const GITHUB_SIGNATURE =
  'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

describe('constantTimeEquals', () => {
  it('is true for equal text only, including text of another length', () => {
    expect(constantTimeEquals('token', 'token')).toBe(true);
    expect(constantTimeEquals('token', 'tokem')).toBe(false);
    expect(constantTimeEquals('token', 'token2')).toBe(false);
    expect(constantTimeEquals('', 'token')).toBe(false);
    expect(constantTimeEquals('tökén', 'tökén')).toBe(true);
  });
});

describe('verifyHmacSha256Hex', () => {
  it('verifies the documented GitHub test vector', () => {
    expect(`sha256=${hmacSha256Hex(GITHUB_SECRET, GITHUB_BODY)}`).toBe(
      GITHUB_SIGNATURE,
    );
    expect(
      verifyHmacSha256Hex(
        GITHUB_SIGNATURE,
        GITHUB_SECRET,
        GITHUB_BODY,
        'sha256=',
      ),
    ).toBe(true);
    expect(
      verifyHmacSha256Hex(
        GITHUB_SIGNATURE.toUpperCase().replace('SHA256=', 'sha256='),
        GITHUB_SECRET,
        GITHUB_BODY,
        'sha256=',
      ),
    ).toBe(true);
  });

  it('refuses another body, another secret, no signature and an empty secret', () => {
    expect(
      verifyHmacSha256Hex(
        GITHUB_SIGNATURE,
        GITHUB_SECRET,
        Buffer.from('Hello, World?'),
        'sha256=',
      ),
    ).toBe(false);
    expect(
      verifyHmacSha256Hex(
        GITHUB_SIGNATURE,
        'another secret',
        GITHUB_BODY,
        'sha256=',
      ),
    ).toBe(false);
    expect(
      verifyHmacSha256Hex(undefined, GITHUB_SECRET, GITHUB_BODY, 'sha256='),
    ).toBe(false);
    expect(
      verifyHmacSha256Hex(
        `sha256=${hmacSha256Hex('', GITHUB_BODY)}`,
        '',
        GITHUB_BODY,
        'sha256=',
      ),
    ).toBe(false);
  });
});

describe('verifySharedToken', () => {
  it('compares the whole token and never accepts an empty secret', () => {
    expect(verifySharedToken('s3cr3t', 's3cr3t')).toBe(true);
    expect(verifySharedToken('s3cr3', 's3cr3t')).toBe(false);
    expect(verifySharedToken(undefined, 's3cr3t')).toBe(false);
    expect(verifySharedToken('', '')).toBe(false);
  });
});

describe('verifyBearerToken', () => {
  const verify = (
    headers: Record<string, string | string[]>,
    secret = 's3cr3t',
  ) => verifyBearerToken(webhookRequest('{}', { headers }), secret);

  it('accepts Authorization: Bearer <secret>', () => {
    expect(verify({ authorization: 'Bearer s3cr3t' })).toBe(true);
    expect(verify({ Authorization: 'BEARER s3cr3t' })).toBe(true);
  });

  it('refuses other schemes, other tokens, repeated headers and an empty secret', () => {
    expect(verify({ authorization: 'Token s3cr3t' })).toBe(false);
    expect(verify({ authorization: 'Bearer s3cr3' })).toBe(false);
    expect(verify({ authorization: 'Bearer' })).toBe(false);
    expect(verify({ authorization: ['Bearer s3cr3t', 'Bearer s3cr3t'] })).toBe(
      false,
    );
    expect(verify({ authorization: 'Bearer ' }, '')).toBe(false);
    expect(verify({})).toBe(false);
  });
});
