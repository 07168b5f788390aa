import { describeEachDatabase } from '../__testUtils__/describeEachDatabase';
import { DatabaseEvaluationQueueStore } from './DatabaseEvaluationQueueStore';

jest.setTimeout(60_000);

describeEachDatabase('DatabaseEvaluationQueueStore', db => {
  let store: DatabaseEvaluationQueueStore;

  beforeAll(() => {
    store = new DatabaseEvaluationQueueStore(db());
  });

  it('queues each entity once, keeping its first request, and hands them out oldest first', async () => {
    expect(await store.oldestQueuedEvaluation()).toBeUndefined();
    await store.enqueueEvaluation(['component:default/b'], 2000);
    await store.enqueueEvaluation(
      ['component:default/a', 'component:default/b', 'component:default/a'],
      3000,
    );
    await store.enqueueEvaluation(['component:default/c'], 1000);
    expect(await store.oldestQueuedEvaluation()).toBe(1000);

    expect(await store.takeQueuedEvaluations(2)).toEqual([
      'component:default/c',
      'component:default/b',
    ]);
    expect(await store.oldestQueuedEvaluation()).toBe(3000);
    expect(await store.takeQueuedEvaluations(10)).toEqual([
      'component:default/a',
    ]);
    expect(await store.takeQueuedEvaluations(10)).toEqual([]);
    expect(await store.oldestQueuedEvaluation()).toBeUndefined();
  });
});
