import { mapWithConcurrency } from './mapWithConcurrency';

describe('mapWithConcurrency', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0;
    let mostRunning = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async n => {
      running++;
      mostRunning = Math.max(mostRunning, running);
      await new Promise(resolve => setTimeout(resolve, n));
      running--;
      return n * 10;
    });

    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(mostRunning).toBe(2);
  });

  it('starts no further item after a failure', async () => {
    const started: number[] = [];
    const result = mapWithConcurrency([1, 2, 3, 4, 5, 6], 2, async n => {
      started.push(n);
      await new Promise(resolve => setTimeout(resolve, 5));
      if (n === 1) {
        throw new Error('provider down');
      }
      return n;
    });

    await expect(result).rejects.toThrow('provider down');
    // 1 and 2 ran together; once 1 failed, 2's worker took nothing more.
    await new Promise(resolve => setTimeout(resolve, 30));
    expect(started).toEqual([1, 2]);
  });
});
