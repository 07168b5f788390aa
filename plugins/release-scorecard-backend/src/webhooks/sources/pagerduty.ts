import {
  ANNOTATIONS,
  IncidentSeverity,
} from '@internal/plugin-release-scorecard-common';
import { z } from 'zod';
import {
  compact,
  constantTimeEquals,
  getHeader,
  hmacSha256Hex,
  isHttpUrl,
  parseJsonBody,
  parseWithSchema,
  toIsoTimestamp,
} from '@internal/plugin-release-scorecard-node';
import {
  WebhookMapResult,
  WebhookRequest,
  WebhookSource,
} from '@internal/plugin-release-scorecard-node';

/** The catalog annotation that names a component's PagerDuty service. */
export const PAGERDUTY_SERVICE_ID_ANNOTATION = ANNOTATIONS.pagerDutyServiceId;

/**
 * V3 event types whose `event.data` is the incident itself. Notes,
 * responders and status updates carry other data and change nothing here.
 */
const INCIDENT_EVENT_TYPES = [
  'incident.triggered',
  'incident.acknowledged',
  'incident.unacknowledged',
  'incident.escalated',
  'incident.reassigned',
  'incident.delegated',
  'incident.priority_updated',
  'incident.reopened',
  'incident.resolved',
];

const webhookSchema = z.object({
  event: z.object({
    event_type: z.string(),
  }),
});

const incidentEventSchema = z.object({
  event: z.object({
    event_type: z.string(),
    occurred_at: z.string(),
    data: z.object({
      id: z.string().min(1),
      type: z.literal('incident'),
      html_url: z.string().optional(),
      status: z.string(),
      created_at: z.string(),
      title: z.string(),
      service: z.object({ id: z.string().min(1) }),
      priority: z.object({ summary: z.string() }).nullable().optional(),
      urgency: z.string().optional(),
    }),
  }),
});

/**
 * P1..P4 are sev1..sev4 and P5 is sev4. Without a priority (or with a custom
 * one), high urgency is sev2 and low urgency sev3.
 */
export function pagerDutySeverity(
  prioritySummary: string | undefined,
  urgency: string | undefined,
): IncidentSeverity {
  const priority = /^P([1-5])$/i.exec(prioritySummary?.trim() ?? '')?.[1];
  if (priority) {
    return `sev${Math.min(Number(priority), 4)}` as IncidentSeverity;
  }
  return urgency === 'high' ? 'sev2' : 'sev3';
}

/**
 * `X-PagerDuty-Signature` holds one `v1=<hex>` signature per signing secret
 * (several while a secret is rotated); any match passes.
 */
export function verifyPagerDutySignature(
  request: WebhookRequest,
  secret: string,
): boolean {
  const header = getHeader(request, 'x-pagerduty-signature');
  if (!secret || !header) {
    return false;
  }
  const expected = `v1=${hmacSha256Hex(secret, request.rawBody)}`;
  return header
    .split(',')
    .map(signature => signature.trim().toLocaleLowerCase('en-US'))
    .some(signature => constantTimeEquals(signature, expected));
}

/** Maps a PagerDuty V3 webhook to the incident it is about. */
export function mapPagerDutyEvent(body: unknown): WebhookMapResult {
  const eventType = parseWithSchema(
    webhookSchema,
    body,
    'PagerDuty webhook payload',
  ).event.event_type;
  if (!INCIDENT_EVENT_TYPES.includes(eventType)) {
    return {
      kind: 'ignored',
      eventType,
      reason: `The ${eventType} event does not change an incident's state`,
    };
  }

  const { event } = parseWithSchema(
    incidentEventSchema,
    body,
    'PagerDuty incident event',
  );
  const incident = event.data;
  const resolved = incident.status === 'resolved';

  return {
    kind: 'event',
    event: {
      eventType,
      lookup: {
        type: 'annotation',
        annotation: PAGERDUTY_SERVICE_ID_ANNOTATION,
        value: incident.service.id,
      },
      incidents: [
        compact({
          id: incident.id,
          title: incident.title,
          severity: pagerDutySeverity(
            incident.priority?.summary,
            incident.urgency,
          ),
          status: resolved ? ('resolved' as const) : ('open' as const),
          openedAt: toIsoTimestamp(
            incident.created_at,
            'event.data.created_at',
          ),
          // V3 incidents have no resolved_at: the resolving event's time is it.
          resolvedAt: resolved
            ? toIsoTimestamp(event.occurred_at, 'event.occurred_at')
            : undefined,
          // Only a reopening makes a resolved incident open again; other
          // events of an open incident may arrive after its resolution.
          reopenedAt:
            eventType === 'incident.reopened'
              ? toIsoTimestamp(event.occurred_at, 'event.occurred_at')
              : undefined,
          url: isHttpUrl(incident.html_url) ? incident.html_url : undefined,
        }),
      ],
    },
  };
}

/** PagerDuty Webhooks V3: incidents of the service. */
export const pagerDutyWebhookSource: WebhookSource = {
  name: 'pagerduty',
  verify: verifyPagerDutySignature,
  map: request => mapPagerDutyEvent(parseJsonBody(request.rawBody)),
};
