import { WebhookRequest } from './types';

/**
 * The value of a request header, matched case-insensitively. A header sent
 * more than once is joined with `, ` the way Node.js joins repeated headers,
 * so a duplicated signature or token never verifies by accident.
 */
export function getHeader(
  request: Pick<WebhookRequest, 'headers'>,
  name: string,
): string | undefined {
  const wanted = name.toLocaleLowerCase('en-US');
  const value =
    request.headers[wanted] ??
    Object.entries(request.headers).find(
      ([key]) => key.toLocaleLowerCase('en-US') === wanted,
    )?.[1];
  if (Array.isArray(value)) {
    return value.length > 0 ? value.join(', ') : undefined;
  }
  return value;
}
