import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { startTestPlugin } from '../__testUtils__/startTestPlugin';
import { sendWebhook } from '../__testUtils__/webhookDeliveries';
import { readJsonFixture } from '../webhooks/__fixtures__/fixtures';

/*
 * Verdicts a user relies on, end to end: what a tool sends, what the store
 * keeps and what the scorecard says, on both databases.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const SERVICE = mockCredentials.service.header();
const API = '/api/release-scorecard';
const ENTITY = 'component:default/payments-api';
const REVISION = '9f1c2ab47e1d0c3b5a6f8e9d7c4b2a1f0e9d8c7b';

function xml(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

function pagerDutyEvent(
  fixture: string,
  overrides: { eventType?: string; occurredAt: string; status?: string },
): Buffer {
  const body = readJsonFixture('pagerduty', fixture);
  body.event.data.service.id = 'PPAYAPI';
  body.event.occurred_at = overrides.occurredAt;
  if (overrides.eventType) {
    body.event.event_type = overrides.eventType;
  }
  if (overrides.status) {
    body.event.data.status = overrides.status;
  }
  return Buffer.from(JSON.stringify(body), 'utf8');
}

describe.each(databases.eachSupportedId())('verdicts on %s', databaseId => {
  async function start() {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const backend = await startTestPlugin({
      knex,
      config: { readiness: { requiredGates: ['unit-tests'] } },
    });
    return { knex, backend, server: backend.server };
  }

  async function readiness(server: any) {
    await request(server)
      .post(`${API}/evaluate`)
      .set('Authorization', SERVICE)
      .send({ entityRefs: [ENTITY] })
      .expect(202);
    // The evaluation is queued; evaluate synchronously through the scorecard
    // read of a not-yet-evaluated entity is not guaranteed, so poll.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const res = await request(server)
        .get(`${API}/entities/default/component/payments-api/scorecard`)
        .set('Authorization', SERVICE)
        .expect(200);
      if (res.body.evaluatedAt && res.body.readiness.revision === REVISION) {
        return res.body.readiness;
      }
      if (Date.now() > deadline) {
        return res.body.readiness;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }

  it('does not pass a gate on a coverage-only Cobertura upload', async () => {
    const { backend, server } = await start();
    await sendWebhook(server, {
      source: 'cobertura',
      body: xml('<coverage line-rate="0.12"/>'),
      query: { entityRef: ENTITY, revision: REVISION },
    }).expect(202);

    const runs = await request(server)
      .get(`${API}/entities/default/component/payments-api/pipelines`)
      .set('Authorization', SERVICE)
      .expect(200);
    expect(runs.body.items[0].gates).toEqual([
      { gate: 'unit-tests', status: 'no-verdict', metrics: { coverage: 0.12 } },
    ]);
    const result = await readiness(server);
    expect(result.status).toBe('blocked');
    expect(result.blockers).toContain('gate:unit-tests');

    // A JUnit verdict on the same revision decides the gate; coverage stays.
    await sendWebhook(server, {
      source: 'junit',
      body: xml(
        '<testsuites><testsuite name="s" tests="1"><testcase name="t"/></testsuite></testsuites>',
      ),
      query: { entityRef: ENTITY, revision: REVISION },
    }).expect(202);
    const after = await request(server)
      .get(`${API}/entities/default/component/payments-api/pipelines`)
      .set('Authorization', SERVICE)
      .expect(200);
    expect(after.body.items[0].gates[0]).toMatchObject({
      gate: 'unit-tests',
      status: 'passed',
      metrics: expect.objectContaining({ coverage: 0.12 }),
    });
    await backend.stop();
  });

  it('reopens a resolved PagerDuty incident, but not on an older delivery', async () => {
    const { backend, server } = await start();
    const send = (body: Buffer) =>
      sendWebhook(server, { source: 'pagerduty', body }).expect(202);
    const openIncidents = async () =>
      (
        await request(server)
          .get(`${API}/entities/default/component/payments-api/incidents`)
          .query({ status: 'open' })
          .set('Authorization', SERVICE)
          .expect(200)
      ).body.items;

    await send(
      pagerDutyEvent('incident.triggered.json', {
        occurredAt: '2024-05-21T09:41:07Z',
      }),
    );
    await send(
      pagerDutyEvent('incident.resolved.json', {
        occurredAt: '2024-05-21T10:27:53Z',
      }),
    );
    expect(await openIncidents()).toEqual([]);

    // A late delivery of an acknowledgement from before the resolution.
    await send(
      pagerDutyEvent('incident.triggered.json', {
        eventType: 'incident.acknowledged',
        status: 'acknowledged',
        occurredAt: '2024-05-21T09:50:00Z',
      }),
    );
    expect(await openIncidents()).toEqual([]);

    await send(
      pagerDutyEvent('incident.triggered.json', {
        eventType: 'incident.reopened',
        occurredAt: '2024-05-21T11:00:00Z',
      }),
    );
    const reopened = await openIncidents();
    expect(reopened).toHaveLength(1);
    expect(reopened[0]).toMatchObject({ status: 'open' });
    expect(reopened[0].resolvedAt).toBeUndefined();

    // The resolution delivered late, after the reopen, does not close it.
    await send(
      pagerDutyEvent('incident.resolved.json', {
        occurredAt: '2024-05-21T10:27:53Z',
      }),
    );
    expect(await openIncidents()).toHaveLength(1);

    // The second resolution does, and restores at its own time.
    await send(
      pagerDutyEvent('incident.resolved.json', {
        occurredAt: '2024-05-21T12:00:00Z',
      }),
    );
    expect(await openIncidents()).toEqual([]);
    const all = await request(server)
      .get(`${API}/entities/default/component/payments-api/incidents`)
      .set('Authorization', SERVICE)
      .expect(200);
    expect(all.body.items[0]).toMatchObject({
      status: 'resolved',
      resolvedAt: '2024-05-21T12:00:00.000Z',
    });
    await backend.stop();
  });

  it('knows an entity has no open incident once it ever reported one, annotation or not', async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const backend = await startTestPlugin({
      knex,
      config: {
        rules: [
          {
            id: 'no-sev1',
            title: 'No open sev1',
            check: { fact: 'incidents.open.sev1', op: 'eq', value: 0 },
          },
        ],
      },
    });
    const { server } = backend;
    /** The rule's status after an evaluation asked for now. */
    const rule = async () => {
      const asked = Date.now();
      await request(server)
        .post(`${API}/evaluate`)
        .set('Authorization', SERVICE)
        .send({ entityRefs: ['component:default/cart-service'] })
        .expect(202);
      const deadline = Date.now() + 15_000;
      for (;;) {
        const res = await request(server)
          .get(`${API}/entities/default/component/cart-service/scorecard`)
          .set('Authorization', SERVICE)
          .expect(200);
        const evaluatedAt = Date.parse(res.body.evaluatedAt ?? '');
        if (evaluatedAt >= asked || Date.now() > deadline) {
          return res.body.rules[0]?.status;
        }
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    };
    // cart-service has no incident tool annotation and no incident yet.
    expect(await rule()).toBe('no-data');
    await request(server)
      .post(`${API}/ingest/incidents`)
      .set('Authorization', SERVICE)
      .send({
        incidents: [
          {
            id: 'INC-9',
            entityRef: 'component:default/cart-service',
            title: 'Cart errors',
            severity: 'sev1',
            status: 'resolved',
            openedAt: '2026-11-20T10:00:00Z',
            resolvedAt: '2026-11-20T11:00:00Z',
          },
        ],
      })
      .expect(202);
    // Its incidents are reported now: zero open is known, the rule passes.
    expect(await rule()).toBe('pass');
    await backend.stop();
  });
});
