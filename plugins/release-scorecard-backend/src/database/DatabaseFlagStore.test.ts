import { describeEachDatabase } from '../__testUtils__/describeEachDatabase';
import { HOUR, PAYMENTS, T0 } from '../__testUtils__/evidenceRecords';
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
});
