import { Knex } from 'knex';
import { describeEachDatabase } from '../__testUtils__/describeEachDatabase';
import { T0 } from '../__testUtils__/evidenceRecords';
import { DatabaseIngestDiagnosticsStore } from './DatabaseIngestDiagnosticsStore';

jest.setTimeout(60_000);

describeEachDatabase('DatabaseIngestDiagnosticsStore', db => {
  let knex: Knex;
  let store: DatabaseIngestDiagnosticsStore;

  beforeAll(() => {
    knex = db();
    store = new DatabaseIngestDiagnosticsStore(knex);
  });

  it('counts records for unknown entity refs and unmatched webhook events', async () => {
    await store.recordUnknownEntityRefs(
      new Map([['component:default/ghost', 2]]),
      T0,
    );
    await store.recordUnknownEntityRefs(
      new Map([['component:default/ghost', 3]]),
      T0 + 1,
    );
    expect((await store.listUnknownEntityRefs({ limit: 10 })).items).toEqual([
      {
        entityRef: 'component:default/ghost',
        firstSeenAt: new Date(T0).toISOString(),
        lastSeenAt: new Date(T0 + 1).toISOString(),
        records: 5,
      },
    ]);

    for (let i = 0; i < 3; i++) {
      await store.recordUnmatchedWebhookEvent(
        {
          source: 'argocd',
          lookup: 'argocd/app-name=ghost',
          eventType: 'on-sync-succeeded',
        },
        T0 + i,
      );
    }
    expect(
      (await store.listUnmatchedWebhookEvents({ limit: 10 })).items,
    ).toEqual([
      {
        source: 'argocd',
        lookup: 'argocd/app-name=ghost',
        events: 3,
        firstSeenAt: new Date(T0).toISOString(),
        lastSeenAt: new Date(T0 + 2).toISOString(),
        lastEvent: 'on-sync-succeeded',
      },
    ]);
  });

  it('forgets the unknown refs the catalog copy now holds', async () => {
    await store.recordUnknownEntityRefs(
      new Map([
        ['component:default/ghost', 1],
        ['component:default/late', 2],
      ]),
      T0,
    );
    await knex('catalog_entities').insert({
      entity_ref: 'component:default/late',
      kind: 'component',
      refreshed_at: T0,
    });
    expect(await store.listUnknownEntityRefsOutsideCatalog()).toEqual([
      'component:default/ghost',
    ]);

    expect(await store.forgetUnknownEntityRefsInCatalog()).toBe(1);
    expect(
      (await store.listUnknownEntityRefs({ limit: 10 })).items.map(
        ref => ref.entityRef,
      ),
    ).toEqual(['component:default/ghost']);
  });
});
