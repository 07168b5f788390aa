import { getHeader } from './headers';

describe('getHeader', () => {
  it('finds headers whatever their case', () => {
    const request = {
      headers: { 'x-gitlab-token': 'a', 'X-Hub-Signature-256': 'b' },
    };
    expect(getHeader(request, 'X-Gitlab-Token')).toBe('a');
    expect(getHeader(request, 'x-hub-signature-256')).toBe('b');
    expect(getHeader(request, 'x-github-event')).toBeUndefined();
  });

  it('joins a repeated header the way Node.js does', () => {
    const request = {
      headers: { 'x-pagerduty-signature': ['v1=aa', 'v1=bb'] },
    };
    expect(getHeader(request, 'X-PagerDuty-Signature')).toBe('v1=aa, v1=bb');
    expect(getHeader({ headers: { a: [] } }, 'a')).toBeUndefined();
  });
});
