import { describeEachDatabase } from '../__testUtils__/describeEachDatabase';
import { HOUR, PAYMENTS, T0 } from '../__testUtils__/evidenceRecords';
import { DEFAULT_FLAG_LIFETIMES_DAYS } from '../flags/staleness';
import { DatabaseCatalogMirrorStore } from './DatabaseCatalogMirrorStore';
import { DatabaseFlagStore } from './DatabaseFlagStore';

jest.setTimeout(60_000);

describeEachDatabase('DatabaseFlagStore', db => {
  let store: DatabaseFlagStore;

  beforeAll(() => {
    store = new DatabaseFlagStore(db());
  });

  const flag = (key: string, enabled: boolean) => ({
    key,
    provider: 'unleash',
    type: 'release' as const,
    temporary: true,
    archived: false,
    environments: [{ name: 'production', enabled }],
    stale: false,
  });

  it('replaces the snapshot of an entity and provider', async () => {
    await store.replaceFlagSnapshot(
      {
        entityRef: PAYMENTS,
        provider: 'unleash',
        source: 'unleash',
        flags: [flag('new-checkout', true), flag('dark-mode', false)],
      },
      T0,
    );
    const counts = await store.replaceFlagSnapshot(
      {
        entityRef: PAYMENTS,
        provider: 'unleash',
        source: 'unleash',
        flags: [flag('new-checkout', false), flag('one-click', true)],
      },
      T0 + HOUR,
    );
    expect(counts).toEqual({ accepted: 1, updated: 1 });
    const flags = (await store.listFlags(PAYMENTS, { limit: 10 })).items;
    expect(flags.map(f => [f.key, f.active]).sort()).toEqual([
      ['new-checkout', false],
      ['one-click', true],
    ]);
    const kept = flags.find(f => f.key === 'new-checkout')!;
    expect(kept.receivedAt).toBe(new Date(T0).toISOString());
    expect(kept.snapshotAt).toBe(new Date(T0 + HOUR).toISOString());
  });

  it('keeps the last good snapshot when a refresh fails', async () => {
    await store.replaceFlagSnapshot(
      {
        entityRef: PAYMENTS,
        provider: 'unleash',
        source: 'unleash',
        flags: [flag('a', true)],
      },
      T0,
    );
    await store.recordFlagSnapshotFailure(
      PAYMENTS,
      'unleash',
      'HTTP 503',
      T0 + HOUR,
    );
    expect((await store.listFlags(PAYMENTS, { limit: 10 })).items).toHaveLength(
      1,
    );
    expect(await store.listFlagSnapshots(PAYMENTS)).toEqual([
      {
        entityRef: PAYMENTS,
        provider: 'unleash',
        refreshedAt: new Date(T0).toISOString(),
        lastAttemptAt: new Date(T0 + HOUR).toISOString(),
        lastError: 'HTTP 503',
        flagCount: 1,
      },
    ]);
  });

  it('lists the flags of every entity by filter, judging age now, with counts per owner', async () => {
    const LEDGER = 'component:default/ledger';
    await new DatabaseCatalogMirrorStore(db()).upsertCatalogEntities(
      [
        {
          entityRef: PAYMENTS,
          kind: 'component',
          owner: 'group:default/payments',
          title: 'Payments API',
          tags: [],
          annotations: {},
        },
      ],
      T0,
    );
    const old = new Date(T0 - 90 * 24 * HOUR).toISOString();
    await store.replaceFlagSnapshot(
      {
        entityRef: PAYMENTS,
        provider: 'unleash',
        source: 'unleash',
        flags: [
          { ...flag('old-release', true), createdAt: old },
          flag('new-release', true),
          flag('switched-off', false),
        ],
      },
      T0,
    );
    await store.replaceFlagSnapshot(
      {
        entityRef: LEDGER,
        provider: 'launchdarkly',
        source: 'launchdarkly',
        flags: [{ ...flag('marked-stale', true), stale: true }],
      },
      T0,
    );
    const list = (filter: Parameters<typeof store.listOrganizationFlags>[0]) =>
      store.listOrganizationFlags(
        filter,
        { limit: 2 },
        T0,
        DEFAULT_FLAG_LIFETIMES_DAYS,
      );

    const all = await list({});
    expect(all.totalCount).toBe(4);
    expect(all.items.map(f => [f.key, f.entityOwner, f.entityTitle])).toEqual([
      ['old-release', 'group:default/payments', 'Payments API'],
      ['new-release', 'group:default/payments', 'Payments API'],
    ]);
    expect(all.nextCursor).toBeDefined();
    // Most stale first; an entity the catalog copy lacks is unowned.
    expect(all.owners).toEqual([
      { owner: 'group:default/payments', total: 3, active: 2, stale: 1 },
      { owner: 'unowned', total: 1, active: 1, stale: 1 },
    ]);

    const stale = await list({ stale: true });
    expect(stale.items.map(f => f.key)).toEqual([
      'old-release',
      'marked-stale',
    ]);
    const freshAndActive = await list({ stale: false, active: true });
    expect(freshAndActive.items.map(f => f.key)).toEqual(['new-release']);
    const owned = await list({
      owners: ['group:default/payments'],
      providers: ['unleash'],
      visibleEntityRefs: [PAYMENTS, LEDGER],
    });
    expect(owned.totalCount).toBe(3);
  });
});
