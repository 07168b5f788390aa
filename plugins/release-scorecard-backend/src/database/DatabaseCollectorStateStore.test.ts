import { describeEachDatabase } from '../__testUtils__/describeEachDatabase';
import { DatabaseCollectorStateStore } from './DatabaseCollectorStateStore';

describeEachDatabase('DatabaseCollectorStateStore', db => {
  it('keeps each collector’s values apart, and the latest of each key', async () => {
    const store = new DatabaseCollectorStateStore(db());
    const demo = store.forCollector('demo-data');
    const jenkins = store.forCollector('jenkins');

    expect(await demo.get('seededUntil')).toBeUndefined();
    await demo.set('seededUntil', '1000');
    await jenkins.set('seededUntil', 'other');
    await demo.set('seededUntil', '2000');

    expect(await demo.get('seededUntil')).toBe('2000');
    expect(await jenkins.get('seededUntil')).toBe('other');
    expect(await demo.get('cursor')).toBeUndefined();
  });
});
