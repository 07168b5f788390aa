import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  hmacHex,
  readFixture,
  readJsonFixture,
  webhookRequest,
} from '../__fixtures__/fixtures';
import { pagerDutySeverity, pagerDutyWebhookSource } from './pagerduty';

const SECRET = 'cnahOaOgC2k1pfNLKsKULk4STjLsD8ur';
const config = new ConfigReader({ secret: SECRET });

const lookup = {
  type: 'annotation',
  annotation: 'pagerduty.com/service-id',
  value: 'PF9KMXH',
};

function map(body: Buffer | object) {
  return pagerDutyWebhookSource.map(webhookRequest(body), config);
}

describe('pagerDutyWebhookSource', () => {
  describe('verify', () => {
    const body = readFixture('pagerduty', 'incident.triggered.json');
    const verify = (signature: string | undefined, rawBody = body) =>
      pagerDutyWebhookSource.verify(
        webhookRequest(rawBody, {
          headers: signature ? { 'x-pagerduty-signature': signature } : {},
        }),
        SECRET,
      );

    it('accepts a v1 signature of the raw body', () => {
      expect(verify(`v1=${hmacHex(SECRET, body)}`)).toBe(true);
    });

    it('accepts any matching signature while secrets rotate', () => {
      const rotated = `v1=${hmacHex('the-old-secret', body)},v1=${hmacHex(
        SECRET,
        body,
      )}`;
      expect(verify(rotated)).toBe(true);
      expect(verify(rotated.replace(',', ', '))).toBe(true);
    });

    it('refuses wrong, missing, unversioned and stale signatures', () => {
      expect(verify(`v1=${hmacHex('the-old-secret', body)}`)).toBe(false);
      expect(verify(undefined)).toBe(false);
      expect(verify(hmacHex(SECRET, body))).toBe(false);
      expect(verify(`v2=${hmacHex(SECRET, body)}`)).toBe(false);
      const modified = Buffer.from(
        body.toString('utf8').replace('"P2"', '"P1"'),
        'utf8',
      );
      expect(verify(`v1=${hmacHex(SECRET, body)}`, modified)).toBe(false);
    });
  });

  it('maps a triggered incident to an open incident', () => {
    expect(
      map(readFixture('pagerduty', 'incident.triggered.json')),
    ).toStrictEqual({
      kind: 'event',
      event: {
        eventType: 'incident.triggered',
        lookup,
        incidents: [
          {
            id: 'Q1DNZ3EY0K3Q4L',
            title: 'Payments API: p95 latency above 800 ms',
            severity: 'sev2',
            status: 'open',
            openedAt: '2024-05-21T09:41:07.000Z',
            url: 'https://acme.pagerduty.com/incidents/Q1DNZ3EY0K3Q4L',
          },
        ],
      },
    });
  });

  it('maps a resolved incident, resolved when the event occurred', () => {
    expect(
      map(readFixture('pagerduty', 'incident.resolved.json')),
    ).toStrictEqual({
      kind: 'event',
      event: {
        eventType: 'incident.resolved',
        lookup,
        incidents: [
          {
            id: 'Q1DNZ3EY0K3Q4L',
            title: 'Payments API: p95 latency above 800 ms',
            severity: 'sev2',
            status: 'resolved',
            openedAt: '2024-05-21T09:41:07.000Z',
            resolvedAt: '2024-05-21T10:27:53.918Z',
            url: 'https://acme.pagerduty.com/incidents/Q1DNZ3EY0K3Q4L',
          },
        ],
      },
    });
  });

  it.each([
    ['incident.acknowledged', 'acknowledged', 'open'],
    ['incident.reopened', 'triggered', 'open'],
    ['incident.priority_updated', 'triggered', 'open'],
  ])('maps %s to an %s → %s incident', (eventType, status, expected) => {
    const body = readJsonFixture('pagerduty', 'incident.triggered.json');
    body.event.event_type = eventType;
    body.event.data.status = status;
    const result = map(body);
    expect(result.kind === 'event' && result.event.incidents?.[0].status).toBe(
      expected,
    );
    expect(
      result.kind === 'event' && result.event.incidents?.[0],
    ).not.toHaveProperty('resolvedAt');
  });

  it('ignores events that are not incident state changes', () => {
    expect(
      map(readFixture('pagerduty', 'incident.annotated.json')),
    ).toStrictEqual({
      kind: 'ignored',
      eventType: 'incident.annotated',
      reason:
        "The incident.annotated event does not change an incident's state",
    });
    expect(
      map({
        event: { event_type: 'service.updated', data: { id: 'PF9KMXH' } },
      }),
    ).toStrictEqual({
      kind: 'ignored',
      eventType: 'service.updated',
      reason: "The service.updated event does not change an incident's state",
    });
  });

  it('refuses malformed incidents, naming the field', () => {
    const withoutService = readJsonFixture(
      'pagerduty',
      'incident.triggered.json',
    );
    delete withoutService.event.data.service;
    expect(() => map(withoutService)).toThrow(InputError);
    expect(() => map(withoutService)).toThrow(/event\.data\.service/);

    const numericTitle = readJsonFixture(
      'pagerduty',
      'incident.triggered.json',
    );
    numericTitle.event.data.title = 2481;
    expect(() => map(numericTitle)).toThrow(/event\.data\.title/);

    expect(() => map({ messages: [] })).toThrow(/event/);
    expect(() => map(Buffer.from('not json'))).toThrow(
      /The request body is not valid JSON/,
    );
  });
});

describe('pagerDutySeverity', () => {
  it('maps priorities P1..P5 to sev1..sev4', () => {
    expect(pagerDutySeverity('P1', 'low')).toBe('sev1');
    expect(pagerDutySeverity('P2', 'low')).toBe('sev2');
    expect(pagerDutySeverity('P3', 'high')).toBe('sev3');
    expect(pagerDutySeverity('P4', 'high')).toBe('sev4');
    expect(pagerDutySeverity('P5', 'high')).toBe('sev4');
  });

  it('falls back to urgency without a standard priority', () => {
    expect(pagerDutySeverity(undefined, 'high')).toBe('sev2');
    expect(pagerDutySeverity('Critical', 'low')).toBe('sev3');
    expect(pagerDutySeverity(undefined, undefined)).toBe('sev3');
  });
});
