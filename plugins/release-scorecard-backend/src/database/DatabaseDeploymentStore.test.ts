import { Knex } from 'knex';
import { describeEachDatabase } from '../__testUtils__/describeEachDatabase';
import {
  HOUR,
  PAYMENTS,
  T0,
  testDeployment,
} from '../__testUtils__/evidenceRecords';
import { DatabaseDeploymentStore } from './DatabaseDeploymentStore';

jest.setTimeout(60_000);

describeEachDatabase('DatabaseDeploymentStore', db => {
  let knex: Knex;
  let store: DatabaseDeploymentStore;

  beforeAll(() => {
    knex = db();
    store = new DatabaseDeploymentStore(knex);
  });

  it('stores a batch and lists it newest first with its commits', async () => {
    const counts = await store.upsertDeployments(
      [
        testDeployment({ id: 'd1', startedAt: T0 }),
        testDeployment({ id: 'd2', startedAt: T0 + 2 * HOUR, commits: [] }),
      ],
      T0 + 10 * HOUR,
    );
    expect(counts).toEqual({ accepted: 2, updated: 0 });

    const page = await store.listDeployments(PAYMENTS, { limit: 10 });
    expect(page.items.map(d => d.id)).toEqual(['d2', 'd1']);
    expect(page.items[1]).toEqual({
      id: 'd1',
      entityRef: PAYMENTS,
      environment: 'production',
      revision: 'abc123',
      strategy: 'canary',
      gitops: true,
      status: 'succeeded',
      startedAt: '2026-10-01T00:00:00.000Z',
      finishedAt: '2026-10-01T01:00:00.000Z',
      commits: [{ sha: 'c1', committedAt: '2026-09-30T19:00:00.000Z' }],
      source: 'api',
      receivedAt: '2026-10-01T10:00:00.000Z',
      updatedAt: '2026-10-01T10:00:00.000Z',
      version: undefined,
      url: undefined,
    });
    expect(page.nextCursor).toBeUndefined();
  });

  it('pages through deployments with a cursor, ties broken by insertion', async () => {
    await store.upsertDeployments(
      Array.from({ length: 5 }, (_, i) =>
        testDeployment({ id: `d${i}`, startedAt: T0 + (i < 2 ? 0 : i) * HOUR }),
      ),
      T0,
    );
    const first = await store.listDeployments(PAYMENTS, { limit: 2 });
    const second = await store.listDeployments(PAYMENTS, {
      limit: 2,
      cursor: first.nextCursor,
    });
    const third = await store.listDeployments(PAYMENTS, {
      limit: 2,
      cursor: second.nextCursor,
    });
    expect(
      [...first.items, ...second.items, ...third.items].map(d => d.id),
    ).toEqual(['d4', 'd3', 'd2', 'd1', 'd0']);
    expect(third.nextCursor).toBeUndefined();
  });

  it('updates a re-delivered deployment in place and never regresses its status', async () => {
    await store.upsertDeployments(
      [testDeployment({ status: 'succeeded' })],
      T0,
    );
    const late = await store.upsertDeployments(
      [
        testDeployment({
          status: 'in-progress',
          finishedAt: undefined,
          version: '1.4.0',
          commits: [{ sha: 'c0', committedAt: T0 - 9 * HOUR }],
        }),
      ],
      T0 + HOUR,
    );
    expect(late).toEqual({ accepted: 0, updated: 1 });

    const [stored] = (await store.listDeployments(PAYMENTS, { limit: 10 }))
      .items;
    expect(stored.status).toBe('succeeded');
    expect(stored.finishedAt).toBe('2026-10-01T01:00:00.000Z');
    // Fields the earlier delivery lacked are still taken from the late one.
    expect(stored.version).toBe('1.4.0');
    expect(stored.commits?.map(c => c.sha).sort()).toEqual(['c0', 'c1']);
    expect(stored.receivedAt).toBe(new Date(T0).toISOString());
    expect(stored.updatedAt).toBe(new Date(T0 + HOUR).toISOString());
  });

  it('lets a later rollback replace a success', async () => {
    await store.upsertDeployments(
      [testDeployment({ status: 'succeeded' })],
      T0,
    );
    await store.upsertDeployments(
      [testDeployment({ status: 'rolled-back', finishedAt: T0 + 3 * HOUR })],
      T0,
    );
    await store.upsertDeployments(
      [testDeployment({ status: 'succeeded' })],
      T0,
    );
    const [stored] = (await store.listDeployments(PAYMENTS, { limit: 10 }))
      .items;
    expect(stored.status).toBe('rolled-back');
    expect(stored.finishedAt).toBe(new Date(T0 + 3 * HOUR).toISOString());
  });

  it('keeps one record per entity, source and id', async () => {
    await store.upsertDeployments(
      [
        testDeployment({ id: 'same' }),
        testDeployment({ id: 'same', source: 'argocd' }),
        testDeployment({
          id: 'same',
          entityRef: 'component:default/ledger-service',
        }),
        testDeployment({
          id: 'same',
          status: 'failed',
          finishedAt: T0 + 2 * HOUR,
        }),
      ],
      T0,
    );
    const rows = await knex('deployments').select(
      'entity_ref',
      'source',
      'status',
    );
    expect(rows).toHaveLength(3);
    const apiRow = rows.find(
      r => r.entity_ref === PAYMENTS && r.source === 'api',
    );
    expect(apiRow?.status).toBe('failed');
  });

  it('patches the latest deployment of an environment, or creates one', async () => {
    await store.upsertDeployments(
      [
        testDeployment({ id: 'old', startedAt: T0, strategy: 'unknown' }),
        testDeployment({
          id: 'new',
          startedAt: T0 + HOUR,
          status: 'in-progress',
          finishedAt: undefined,
          strategy: 'unknown',
        }),
      ],
      T0,
    );
    const patched = await store.applyDeploymentPatches(
      [
        {
          entityRef: PAYMENTS,
          source: 'argocd',
          environment: 'Production',
          fallbackId: 'rollout/payments-api/7',
          strategy: 'blue-green',
          status: 'rolled-back',
          startedAt: T0 + HOUR,
          finishedAt: T0 + 2 * HOUR,
        },
        {
          entityRef: PAYMENTS,
          source: 'argocd',
          environment: 'staging',
          fallbackId: 'rollout/payments-api/8',
          strategy: 'canary',
          status: 'succeeded',
          startedAt: T0,
          finishedAt: T0 + HOUR,
        },
      ],
      T0,
    );
    expect(patched).toEqual({ accepted: 1, updated: 1 });
    const items = (await store.listDeployments(PAYMENTS, { limit: 10 })).items;
    expect(items.find(d => d.id === 'new')).toMatchObject({
      strategy: 'blue-green',
      status: 'rolled-back',
    });
    expect(items.find(d => d.id === 'old')).toMatchObject({
      strategy: 'unknown',
    });
    expect(items.find(d => d.id === 'rollout/payments-api/8')).toMatchObject({
      environment: 'staging',
      strategy: 'canary',
      gitops: false,
    });
  });
});
