import { mockServices } from '@backstage/backend-test-utils';
import { EvaluationQueueStore } from '../database/EvaluationQueueStore';
import { ScorecardResultStore } from '../database/ScorecardResultStore';
import { EvaluationRunner } from './EvaluationRunner';
import { ScorecardEvaluator } from './ScorecardEvaluator';

function setup(queued: { refs: string[]; oldest?: number }) {
  const evaluate = jest.fn(async () => ({ evaluated: 0, statusChanges: 0 }));
  const queue = [...queued.refs];
  const evaluationQueue: EvaluationQueueStore = {
    oldestQueuedEvaluation: jest.fn(async () =>
      queue.length ? queued.oldest : undefined,
    ),
    takeQueuedEvaluations: jest.fn(async () => queue.splice(0)),
    enqueueEvaluation: jest.fn(async (refs: string[]) => {
      queue.push(...refs);
    }),
  };
  const runner = new EvaluationRunner({
    evaluator: { evaluate } as unknown as ScorecardEvaluator,
    stores: {
      evaluationQueue,
      // Only start() reads it, to queue entities of an older configuration.
      scorecardResults: {} as ScorecardResultStore,
    },
    scheduler: mockServices.scheduler.mock(),
    lifecycle: mockServices.lifecycle.mock(),
    logger: mockServices.logger.mock(),
    schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
  });
  return { runner, evaluate, queue: () => queue };
}

describe('EvaluationRunner', () => {
  it('evaluates what is queued', async () => {
    const { runner, evaluate, queue } = setup({
      refs: ['component:default/a'],
      oldest: Date.now(),
    });
    await runner.drainQueue();
    expect(evaluate).toHaveBeenCalledWith(['component:default/a']);
    expect(queue()).toEqual([]);
  });

  it('yields to a burst of deliveries, but not for long', async () => {
    const fresh = setup({
      refs: ['component:default/a'],
      oldest: Date.now() - 1000,
    });
    fresh.runner.noteEvidenceArrived();
    await fresh.runner.drainQueue();
    expect(fresh.evaluate).not.toHaveBeenCalled();
    expect(fresh.queue()).toEqual(['component:default/a']);

    const waitedLongEnough = setup({
      refs: ['component:default/b'],
      oldest: Date.now() - 11_000,
    });
    waitedLongEnough.runner.noteEvidenceArrived();
    await waitedLongEnough.runner.drainQueue();
    expect(waitedLongEnough.evaluate).toHaveBeenCalledWith([
      'component:default/b',
    ]);
  });

  it('puts entities back on the queue when their evaluation fails', async () => {
    const { runner, evaluate, queue } = setup({
      refs: ['component:default/a'],
      oldest: Date.now(),
    });
    evaluate.mockRejectedValueOnce(new Error('database gone'));
    await runner.drainQueue();
    expect(queue()).toEqual(['component:default/a']);
  });
});
