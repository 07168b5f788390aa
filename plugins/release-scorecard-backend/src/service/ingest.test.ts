import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { startTestPlugin } from '../__testUtils__/startTestPlugin';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const SERVICE = mockCredentials.service.header();
const USER = mockCredentials.user.header();

const deployment = (overrides: Record<string, unknown> = {}) => ({
  id: 'deploy-42',
  entityRef: 'component:default/payments-api',
  environment: 'production',
  revision: '9f1c2ab',
  version: '1.4.0',
  strategy: 'canary',
  gitops: true,
  status: 'succeeded',
  startedAt: '2026-11-20T10:00:00Z',
  finishedAt: '2026-11-20T10:20:00Z',
  commits: [{ sha: '9f1c2ab', committedAt: '2026-11-19T16:00:00Z' }],
  url: 'https://argocd.example.com/applications/payments-api',
  ...overrides,
});

describe.each(databases.eachSupportedId())('push API on %s', databaseId => {
  let server: Awaited<ReturnType<typeof startTestPlugin>>['server'];
  let stop: () => Promise<void>;

  beforeEach(async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const backend = await startTestPlugin({ knex });
    server = backend.server;
    // Each test's backend and database pool go away after it, or PostgreSQL
    // runs out of connections over this many tests.
    stop = async () => {
      await backend.stop();
      await knex.destroy();
    };
  });

  afterEach(() => stop());

  const listDeployments = async () =>
    (
      await request(server)
        .get(
          '/api/release-scorecard/entities/default/component/payments-api/deployments',
        )
        .set('Authorization', USER)
        .expect(200)
    ).body.items;

  it('stores a deployment batch and returns what it accepted', async () => {
    const response = await request(server)
      .post('/api/release-scorecard/ingest/deployments')
      .set('Authorization', SERVICE)
      .send({
        deployments: [
          deployment(),
          deployment({ id: 'deploy-43', environment: 'staging' }),
        ],
      });

    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: 2, updated: 0 });
    const stored = await listDeployments();
    expect(stored).toHaveLength(2);
    expect(stored.find((d: any) => d.id === 'deploy-42')).toEqual({
      ...deployment(),
      startedAt: '2026-11-20T10:00:00.000Z',
      finishedAt: '2026-11-20T10:20:00.000Z',
      commits: [{ sha: '9f1c2ab', committedAt: '2026-11-19T16:00:00.000Z' }],
      source: 'api',
      receivedAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('requires service credentials to push', async () => {
    await request(server)
      .post('/api/release-scorecard/ingest/deployments')
      .set('Authorization', mockCredentials.none.header())
      .send({ deployments: [deployment()] })
      .expect(401);
    await request(server)
      .post('/api/release-scorecard/ingest/deployments')
      .set('Authorization', USER)
      .send({ deployments: [deployment()] })
      .expect(403);
    expect(await listDeployments()).toEqual([]);
  });

  it('refuses an invalid batch whole, naming the item and the field', async () => {
    const response = await request(server)
      .post('/api/release-scorecard/ingest/deployments')
      .set('Authorization', SERVICE)
      .send({
        deployments: [
          deployment({ id: 'ok-1' }),
          deployment({ id: 'ok-2' }),
          deployment({ id: 'bad', status: 'done' }),
        ],
      });

    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    expect(response.body.error.message).toContain('deployments[2].status');
    expect(response.body.error.message).toContain(
      'in-progress, succeeded, failed, rolled-back',
    );
    expect(await listDeployments()).toEqual([]);
  });

  it.each([
    [
      'a finished deployment without finishedAt',
      { deployments: [deployment({ finishedAt: undefined })] },
      'deployments[0].finishedAt: is required when status is succeeded',
    ],
    [
      'a date that is not ISO 8601',
      { deployments: [deployment({ startedAt: 'yesterday' })] },
      'deployments[0].startedAt',
    ],
    [
      'an entity ref without a kind',
      { deployments: [deployment({ entityRef: 'payments-api' })] },
      'deployments[0].entityRef',
    ],
    [
      'a link that is not http(s)',
      { deployments: [deployment({ url: 'data:text/html,<b>hi</b>' })] },
      'deployments[0].url: must be an http(s) URL',
    ],
    [
      'a misspelt field',
      { deployments: [deployment({ finishAt: '2026-11-20T10:20:00Z' })] },
      'deployments[0]: unknown field finishAt',
    ],
    [
      'an empty batch',
      { deployments: [] },
      'deployments: must hold at least one record',
    ],
    [
      'a batch under the wrong key',
      { deploys: [deployment()] },
      'deployments: is required',
    ],
  ])('explains what is wrong with %s', async (_name, body, message) => {
    const response = await request(server)
      .post('/api/release-scorecard/ingest/deployments')
      .set('Authorization', SERVICE)
      .send(body as object)
      .expect(400);
    expect(response.body.error.message).toContain(message);
  });

  it('refuses bodies that are not JSON or too large', async () => {
    const notJson = await request(server)
      .post('/api/release-scorecard/ingest/deployments')
      .set('Authorization', SERVICE)
      .set('Content-Type', 'application/json')
      .send('{"deployments": [');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toMatch(/not valid JSON/);

    const tooLarge = await request(server)
      .post('/api/release-scorecard/ingest/deployments')
      .set('Authorization', SERVICE)
      .send({
        deployments: [
          deployment({ url: `https://example.com/${'x'.repeat(6_000_000)}` }),
        ],
      });
    expect(tooLarge.status).toBe(413);

    const text = await request(server)
      .post('/api/release-scorecard/ingest/deployments')
      .set('Authorization', SERVICE)
      .set('Content-Type', 'text/plain')
      .send('deployments');
    expect(text.status).toBe(400);
    expect(text.body.error.message).toBe(
      'Content-Type must be application/json',
    );
  });

  it('keeps exactly one correct record through re-delivery and out-of-order delivery', async () => {
    const send = (body: unknown) =>
      request(server)
        .post('/api/release-scorecard/ingest/deployments')
        .set('Authorization', SERVICE)
        .send(body as object)
        .expect(202);

    await send({ deployments: [deployment({ status: 'succeeded' })] });
    const redelivered = await send({
      deployments: [deployment({ status: 'succeeded' })],
    });
    expect(redelivered.body).toEqual({ accepted: 0, updated: 1 });
    // The "started" event arrives last.
    await send({
      deployments: [
        deployment({ status: 'in-progress', finishedAt: undefined }),
      ],
    });

    const stored = await listDeployments();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      status: 'succeeded',
      finishedAt: '2026-11-20T10:20:00.000Z',
    });
  });

  it('stores records for entities the catalog does not know, and reports them', async () => {
    const response = await request(server)
      .post('/api/release-scorecard/ingest/deployments')
      .set('Authorization', SERVICE)
      .send({
        deployments: [
          deployment({ entityRef: 'component:default/not-yet-in-catalog' }),
          deployment({
            id: 'd2',
            entityRef: 'Component:Default/Not-Yet-In-Catalog',
          }),
        ],
      })
      .expect(202);
    expect(response.body).toEqual({
      accepted: 2,
      updated: 0,
      unknownEntityRefs: ['component:default/not-yet-in-catalog'],
    });

    const unknown = await request(server)
      .get('/api/release-scorecard/operations/unknown-entities')
      .set('Authorization', USER)
      .expect(200);
    expect(unknown.body.items).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/not-yet-in-catalog',
        records: 2,
      }),
    ]);
  });

  it('stores pipeline runs with their gates', async () => {
    await request(server)
      .post('/api/release-scorecard/ingest/pipelines')
      .set('Authorization', SERVICE)
      .send({
        runs: [
          {
            id: 'build-981',
            entityRef: 'component:default/payments-api',
            revision: '9f1c2ab',
            version: '1.4.0',
            branch: 'main',
            startedAt: '2026-11-20T09:00:00Z',
            finishedAt: '2026-11-20T09:40:00Z',
            gates: [
              {
                gate: 'unit-tests',
                status: 'passed',
                metrics: { coverage: 0.86, testsTotal: 1240, testsFailed: 0 },
              },
              {
                gate: 'load-test',
                status: 'failed',
                metrics: { p95Ms: 812 },
              },
            ],
          },
        ],
      })
      .expect(202, { accepted: 1, updated: 0 });

    const runs = await request(server)
      .get(
        '/api/release-scorecard/entities/default/component/payments-api/pipelines',
      )
      .set('Authorization', USER)
      .expect(200);
    expect(runs.body.items).toEqual([
      expect.objectContaining({
        id: 'build-981',
        revision: '9f1c2ab',
        branch: 'main',
        gates: [
          {
            gate: 'load-test',
            status: 'failed',
            metrics: { p95Ms: 812 },
          },
          {
            gate: 'unit-tests',
            status: 'passed',
            metrics: { coverage: 0.86, testsTotal: 1240, testsFailed: 0 },
          },
        ],
      }),
    ]);
  });

  it('refuses coverage given as a percentage', async () => {
    const response = await request(server)
      .post('/api/release-scorecard/ingest/pipelines')
      .set('Authorization', SERVICE)
      .send({
        runs: [
          {
            id: 'b1',
            entityRef: 'component:default/payments-api',
            revision: 'abc',
            startedAt: '2026-11-20T09:00:00Z',
            gates: [
              {
                gate: 'unit-tests',
                status: 'passed',
                metrics: { coverage: 86 },
              },
            ],
          },
        ],
      })
      .expect(400);
    expect(response.body.error.message).toContain(
      'runs[0].gates[0].metrics.coverage: must be a ratio',
    );
  });

  it('stores incidents and resolves them', async () => {
    const incident = {
      id: 'INC-7',
      entityRef: 'component:default/payments-api',
      title: 'Card authorisations time out',
      severity: 'sev1',
      status: 'open',
      openedAt: '2026-11-20T11:00:00Z',
      deploymentId: 'deploy-42',
    };
    await request(server)
      .post('/api/release-scorecard/ingest/incidents')
      .set('Authorization', SERVICE)
      .send({ incidents: [incident] })
      .expect(202);
    await request(server)
      .post('/api/release-scorecard/ingest/incidents')
      .set('Authorization', SERVICE)
      .send({
        incidents: [
          {
            ...incident,
            status: 'resolved',
            resolvedAt: '2026-11-20T11:45:00Z',
          },
        ],
      })
      .expect(202, { accepted: 0, updated: 1 });

    const incidents = await request(server)
      .get(
        '/api/release-scorecard/entities/default/component/payments-api/incidents',
      )
      .set('Authorization', USER)
      .expect(200);
    expect(incidents.body.items).toEqual([
      expect.objectContaining({
        id: 'INC-7',
        status: 'resolved',
        resolvedAt: '2026-11-20T11:45:00.000Z',
        deploymentId: 'deploy-42',
      }),
    ]);
  });

  it('replaces the flags of an entity and provider with each snapshot', async () => {
    const flag = (key: string, enabled: boolean) => ({
      key,
      type: 'release',
      temporary: true,
      environments: [{ name: 'production', enabled, rolloutPercent: 25 }],
    });
    const put = (flags: unknown[]) =>
      request(server)
        .put('/api/release-scorecard/ingest/flags')
        .set('Authorization', SERVICE)
        .send({
          entityRef: 'component:default/payments-api',
          provider: 'unleash',
          flags,
        });

    await put([flag('new-checkout', true), flag('old-banner', true)]).expect(
      202,
    );
    await put([flag('new-checkout', false)]).expect(202, {
      accepted: 0,
      updated: 1,
    });

    const flags = await request(server)
      .get(
        '/api/release-scorecard/entities/default/component/payments-api/flags',
      )
      .set('Authorization', USER)
      .expect(200);
    expect(flags.body.items).toEqual([
      expect.objectContaining({
        key: 'new-checkout',
        provider: 'unleash',
        active: false,
        environments: [
          { name: 'production', enabled: false, rolloutPercent: 25 },
        ],
      }),
    ]);
    expect(flags.body.snapshots).toEqual([
      expect.objectContaining({ provider: 'unleash', flagCount: 1 }),
    ]);
  });

  it('filters deployments by environment and incidents by status', async () => {
    await request(server)
      .post('/api/release-scorecard/ingest/deployments')
      .set('Authorization', SERVICE)
      .send({
        deployments: [
          deployment({ id: 'prod-1', environment: 'Production' }),
          deployment({
            id: 'prod-2',
            environment: 'prod',
            startedAt: '2026-11-21T10:00:00Z',
            finishedAt: '2026-11-21T10:10:00Z',
          }),
          deployment({
            id: 'stage-1',
            environment: 'staging',
            startedAt: '2026-11-22T10:00:00Z',
            finishedAt: '2026-11-22T10:10:00Z',
          }),
        ],
      })
      .expect(202);
    const path =
      '/api/release-scorecard/entities/default/component/payments-api';
    const production = await request(server)
      .get(`${path}/deployments?production=true&limit=1`)
      .set('Authorization', USER)
      .expect(200);
    expect(production.body.items.map((d: any) => d.id)).toEqual(['prod-2']);
    const staging = await request(server)
      .get(`${path}/deployments?environment=STAGING`)
      .set('Authorization', USER)
      .expect(200);
    expect(staging.body.items.map((d: any) => d.id)).toEqual(['stage-1']);
    await request(server)
      .get(`${path}/deployments?production=yes`)
      .set('Authorization', USER)
      .expect(400);

    const incident = (id: string, status: string) => ({
      id,
      entityRef: 'component:default/payments-api',
      title: 'Outage',
      severity: 'sev2',
      status,
      openedAt: '2026-11-20T11:00:00Z',
      ...(status === 'resolved' && { resolvedAt: '2026-11-20T12:00:00Z' }),
    });
    await request(server)
      .post('/api/release-scorecard/ingest/incidents')
      .set('Authorization', SERVICE)
      .send({
        incidents: [incident('open-1', 'open'), incident('done-1', 'resolved')],
      })
      .expect(202);
    const open = await request(server)
      .get(`${path}/incidents?status=open`)
      .set('Authorization', USER)
      .expect(200);
    expect(open.body.items.map((i: any) => i.id)).toEqual(['open-1']);
    const bad = await request(server)
      .get(`${path}/incidents?status=closed`)
      .set('Authorization', USER)
      .expect(400);
    expect(bad.body.error.message).toContain('status');
  });

  it('answers 404 for entities that do not exist and 401 without credentials', async () => {
    await request(server)
      .get('/api/release-scorecard/entities/default/component/nope/deployments')
      .set('Authorization', USER)
      .expect(404);
    await request(server)
      .get(
        '/api/release-scorecard/entities/default/component/payments-api/deployments',
      )
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
  });

  it('pages through a list with an opaque cursor and rejects a forged one', async () => {
    await request(server)
      .post('/api/release-scorecard/ingest/deployments')
      .set('Authorization', SERVICE)
      .send({
        deployments: Array.from({ length: 5 }, (_, i) =>
          deployment({
            id: `d${i}`,
            startedAt: `2026-11-2${i}T10:00:00Z`,
            finishedAt: `2026-11-2${i}T10:30:00Z`,
          }),
        ),
      })
      .expect(202);
    const path =
      '/api/release-scorecard/entities/default/component/payments-api/deployments';
    const first = await request(server)
      .get(`${path}?limit=3`)
      .set('Authorization', USER)
      .expect(200);
    expect(first.body.items.map((d: any) => d.id)).toEqual(['d4', 'd3', 'd2']);
    const second = await request(server)
      .get(`${path}?limit=3&cursor=${first.body.nextCursor}`)
      .set('Authorization', USER)
      .expect(200);
    expect(second.body.items.map((d: any) => d.id)).toEqual(['d1', 'd0']);
    expect(second.body.nextCursor).toBeUndefined();

    const forged = await request(server)
      .get(`${path}?cursor=abc`)
      .set('Authorization', USER)
      .expect(400);
    expect(forged.body.error.message).toContain('cursor');
    await request(server)
      .get(`${path}?limit=0`)
      .set('Authorization', USER)
      .expect(400);
  });
});
