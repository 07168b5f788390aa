import { describeEachDatabase } from '../__testUtils__/describeEachDatabase';
import {
  HOUR,
  PAYMENTS,
  T0,
  testIncident,
} from '../__testUtils__/evidenceRecords';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';

jest.setTimeout(60_000);

describeEachDatabase('DatabaseIncidentStore', db => {
  let store: DatabaseIncidentStore;

  beforeAll(() => {
    store = new DatabaseIncidentStore(db());
  });

  it('resolves an incident and never reopens it from a late trigger', async () => {
    await store.upsertIncidents([testIncident()], T0);
    await store.upsertIncidents(
      [testIncident({ status: 'resolved', resolvedAt: T0 + 2 * HOUR })],
      T0 + 2 * HOUR,
    );
    const late = await store.upsertIncidents(
      [testIncident({ title: 'late trigger' })],
      T0 + 3 * HOUR,
    );
    expect(late).toEqual({ accepted: 0, updated: 1 });
    const [stored] = (await store.listIncidents(PAYMENTS, { limit: 5 })).items;
    expect(stored).toMatchObject({
      id: 'PD-1',
      status: 'resolved',
      resolvedAt: new Date(T0 + 2 * HOUR).toISOString(),
      title: 'Checkout errors',
    });
  });
});
