import { DateTime } from 'luxon';
import { describeFailingSince, explainFailingSince } from './failingSince';

describe('describeFailingSince', () => {
  const now = DateTime.fromISO('2026-11-22T12:00:00Z');

  it('says since when a rule fails', () => {
    expect(
      describeFailingSince(
        { at: '2026-11-03T09:00:00Z', firstEvaluation: false },
        now,
      ),
    ).toBe('failing since 3 Nov');
  });

  it('names a first evaluation as such: the rule may have failed before', () => {
    const since = { at: '2026-11-03T09:00:00Z', firstEvaluation: true };
    expect(describeFailingSince(since, now)).toBe(
      'failing since the first evaluation, 3 Nov',
    );
    expect(explainFailingSince(since)).toMatch(
      /already failed when the scorecard first evaluated it, .*; it may have failed before/,
    );
  });
});
